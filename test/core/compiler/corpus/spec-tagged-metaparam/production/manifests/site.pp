class c ($t = 'extra') {
  tag $t
  notify { 'inside': tag => ['mine'], message => [tagged('extra'), tagged('mine'), tagged('c')] }
}
include c
notify { 'outside': message => [tagged('extra'), tagged('c'), tagged('mine')] }
