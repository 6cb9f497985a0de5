class foo(Integer $x = undef) { }
class { 'foo':  }
