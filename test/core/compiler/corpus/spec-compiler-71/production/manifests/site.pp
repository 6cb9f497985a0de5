with() |$x = first, Array[String, 1] *$passed| {}
