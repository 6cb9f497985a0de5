with() |$x = first, Array[String, 0] *$passed| {
  notify { $x: }
}
