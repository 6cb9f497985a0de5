Notify { testing: }
Resource[Notify] { testing2: }
Resource['Notify'] { testing3: }
