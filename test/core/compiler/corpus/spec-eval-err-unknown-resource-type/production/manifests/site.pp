$a = SantaClause
