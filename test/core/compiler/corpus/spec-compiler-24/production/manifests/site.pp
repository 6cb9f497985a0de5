$var = 10
case $var {
  10: {
    file { s1: }
  }
  12: {
    file { s2: }
  }
}
->
case $var + 2 {
  10: {
    file { t1: }
  }
  12: {
    file { t2: }
  }
}
