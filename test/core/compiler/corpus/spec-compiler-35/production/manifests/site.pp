define foo(Integer $x) { }
foo { 'test': x =>'say friend' }
