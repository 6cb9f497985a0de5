define foo(Integer $x = undef) { }
foo { 'test':  }
