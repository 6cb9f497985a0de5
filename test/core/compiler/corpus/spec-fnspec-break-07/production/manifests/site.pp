function please_break() {
  [1,2,3].reverse_each |$x| { if $x == 1 { break() } notify { "$x": } }
}
please_break()
