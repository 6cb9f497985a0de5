with([hi], [bye]) |Array[Array[String, 1, 1]] *$passed| {
  notify { $passed[0][0]: }
  notify { $passed[1][0]: }
}
