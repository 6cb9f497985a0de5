define foo(Optional[String] $x = undef) {
  notify { "expected": message => $x == undef }
}
foo { 'test': }
