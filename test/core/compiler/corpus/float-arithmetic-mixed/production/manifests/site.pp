$half = 17.0 / 2
notify { 'half': message => "${half}" }
notify { 'seven': message => "${7.0 / 2} ${7 / 2.0} ${7 / 2}" }
notify { 'mixed': message => "${2 + 2.0} ${3 * 1.5} ${10 - 0.5} ${1.5 + 1.5} ${0.5 * 4}" }
notify { 'assign': message => "${$half * 2}" }
$sum = [1.5, 2.5, 3].reduce |$m, $x| { $m + $x }
notify { 'sum': message => "${sum}" }
