notify { 'eq': message => "${1 == 1.0} ${2.0 == 2} ${[1] == [1.0]} ${1.5 == 1.5}" }
notify { 'lt': message => "${2.0 < 3} ${1.5 >= 1.5} ${2 > 1.9} ${-0.5 < 0}" }
notify { 'in': message => "${1.0 in [1, 2]} ${2 in [2.0]}" }
case 2.0 {
  2: { notify { 'case': message => 'two' } }
  default: { notify { 'case': message => 'other' } }
}
$sel = 3 ? { 3.0 => 'three', default => 'other' }
notify { 'selector': message => $sel }
