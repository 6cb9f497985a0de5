$x = 'testing'
$y = undef
$z = {'a' => ['nope', ['ok']]}
notify { '01 getvar(\'x\')': message => getvar('x') }
notify { '02 getvar(\'nosuch\')': message => getvar('nosuch') }
notify { '03 getvar(\'y\')': message => getvar('y') }
notify { '04 getvar(\'y.0\')': message => getvar('y.0') }
notify { '05 getvar(\'nosuch\', \'ok\')': message => getvar('nosuch', 'ok') }
notify { '06 getvar(\'y\', \'ok\')': message => getvar('y', 'ok') }
notify { '07 getvar(\'z.a.1.0\')': message => getvar('z.a.1.0') }
notify { '08 getvar(\'facts.os.family\')': message => getvar('facts.os.family') }
notify { '09 getvar(\'::x\')': message => getvar('::x') }
class c { $v = 'in c' }
include c
notify { '10 getvar(\'c::v\')': message => getvar('c::v') }
