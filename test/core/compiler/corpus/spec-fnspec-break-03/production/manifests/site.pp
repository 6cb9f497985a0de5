function please_break() {
  [1,2,3,4].reduce |$memo, $x| { if $x == 4 { break() } $memo + $x }
}
notify { String(please_break()): }
