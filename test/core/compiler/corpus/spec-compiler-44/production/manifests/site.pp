class foo($a, $b, $c) { }
class { 'foo': a => String, b=>10, c=>undef }
