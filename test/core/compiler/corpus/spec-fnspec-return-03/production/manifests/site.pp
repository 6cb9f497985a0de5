function please_return() {
  if 1 == 1 { return 100 }
  200
}
notify { String(please_return()): }
