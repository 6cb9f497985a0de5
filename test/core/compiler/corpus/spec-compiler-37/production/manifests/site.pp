define foo(Integer $x = 'pow') { }
foo { 'test':  }
