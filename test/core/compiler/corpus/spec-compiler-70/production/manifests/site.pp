with() |$y = first, $x, Array[String, 1] *$passed = bye| {}
