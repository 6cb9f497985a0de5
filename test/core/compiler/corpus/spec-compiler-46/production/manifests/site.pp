class foo(Integer $x) { }
class { 'foo': x => undef }
