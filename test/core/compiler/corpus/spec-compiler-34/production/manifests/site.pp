define foo($a, $b, $c) { }
foo { 'test': a => String, b=>10, c=>undef }
