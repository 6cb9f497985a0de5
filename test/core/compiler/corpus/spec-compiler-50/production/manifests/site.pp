define foo(String $x) { }
foo { 'foo':  x => /I am a regexp and I don't want to be a String/}
