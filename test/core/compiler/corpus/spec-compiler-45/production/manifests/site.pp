class foo(Integer $x) { }
class { 'foo': x =>'say friend' }
