class foo(Integer $x = 'pow') { }
class { 'foo':  }
