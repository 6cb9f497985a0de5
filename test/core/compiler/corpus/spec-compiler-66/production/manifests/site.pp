with(hi) |Array[String, 2] *$passed| { }
