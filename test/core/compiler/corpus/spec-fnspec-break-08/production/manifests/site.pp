function please_break() {
  {'a' => 1, 'b' => 2, 'c' => 3, 'd' => 4}.reduce |$memo, $x| {
    if $x[1] == 4 { break() }
    $string = "${memo[0]}${x[0]}"
    $number = $memo[1] + $x[1]
    [$string, $number]
  }
}
notify { String(please_break()): }
