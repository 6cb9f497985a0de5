class t(Array[String, 2] $x) { }
class { 't': x => ['a'] }
