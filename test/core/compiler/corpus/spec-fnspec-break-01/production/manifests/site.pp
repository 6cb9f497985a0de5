function please_break() {
  [1,2,3].map |$x| { if $x == 3 { break() } $x }
}
notify { String(please_break()): }
