$u = upcase(true)
