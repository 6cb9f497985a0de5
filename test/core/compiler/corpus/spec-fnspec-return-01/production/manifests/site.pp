function please_return() {
  [1,2,3].map |$x| { if $x == 1 { return(100) } 200 }
  300
}
notify { String(please_return()): }
