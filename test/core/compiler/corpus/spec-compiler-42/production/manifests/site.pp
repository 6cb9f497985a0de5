class foo(String $x) { }
class { 'foo': x =>'say friend' }
