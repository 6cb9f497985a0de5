class a { $_a = 10}
include a
notify { 'test': message => $_a::_a }
