$x = -2.0
$y = - $x
notify { 'neg': message => "${x} ${y} ${-(1.5)}" }
notify { 'sort': message => sort([3, 1.5, 2.0, -1]) }
notify { 'compare': message => "${compare(1, 2.0)} ${compare(2.0, 2)} ${compare(3.5, 1)}" }
