define foo(String $x) { }
foo { 'test': x =>'say friend' }
