function please_break() {
  [1,2,3].each |$x| { if $x == 3 { break() } notify { "$x": } }
}
please_break()
