class c {
  tag ['one', 'two'], 'three'
  notify { 'tagged': message => [tagged('one'), tagged('three'), tagged('c')] }
}
include c
