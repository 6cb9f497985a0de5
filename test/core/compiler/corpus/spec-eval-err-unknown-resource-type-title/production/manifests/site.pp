$b = ToothFairy[emea]
