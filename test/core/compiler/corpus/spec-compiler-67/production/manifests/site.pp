with(hi, bye) |Array[String, 2] *$passed| {
  $passed.each |$n| { notify { $n: } }
}
