define guard($ok = false) { unless $ok { fail("guard ${title} refused") } }
guard { 'g1': }
