class t(Array[String] $x) { }
class { 't': x => ['a', 1] }
