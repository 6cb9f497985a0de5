class foo(Optional[String] $x = undef) {
  notify { "expected": message => $x == undef }
}
class { 'foo': }
