function please_break() {
  {'a' => 1, 'b' => 2, 'c' => 3}.map |$x, $y| { if $y == 3 { break() } $y }
}
notify { String(please_break()): }
