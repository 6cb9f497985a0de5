notify { '01 \'a\' =~ /.*/': message => 'a' =~ /.*/ }
notify { '02 \'a\' =~ \'.*\'': message => 'a' =~ '.*' }
notify { '03 \'a\' !~ /b.*/': message => 'a' !~ /b.*/ }
notify { '04 \'a\' !~ \'b.*\'': message => 'a' !~ 'b.*' }
notify { '05 a =~ Pattern[\'a.*\']': message => a =~ Pattern['a.*'] }
notify { '06 a =~ Regexp[\'a.*\']': message => a =~ Regexp['a.*'] }
notify { '07 1 =~ Integer': message => 1 =~ Integer }
notify { '08 1 !~ Integer': message => 1 !~ Integer }
notify { '09 undef =~ NotUndef': message => undef =~ NotUndef }
notify { '10 undef !~ NotUndef': message => undef !~ NotUndef }
notify { '11 [1,2,3] =~ Array[Integer[1,10]]': message => [1,2,3] =~ Array[Integer[1,10]] }
$x = a
notify { 'interp': message => a =~ "$x.*" }
$y = /a.*/
notify { 'var': message => a =~ $y }
$z = Pattern['a.*']
notify { 'pvar': message => a =~ $z }
