with(hi, bye) |Array[String, 1, 1] *$passed| { }
