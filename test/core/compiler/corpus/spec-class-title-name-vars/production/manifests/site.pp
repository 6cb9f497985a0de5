class a::b { notify { 'vars': message => [$title, $name, $module_name] } }
define d::e { notify { "d ${title}": message => [$title, $name, $module_name] } }
include a::b
d::e { 'one': }
d::e { 'two': name => 'renamed' }
