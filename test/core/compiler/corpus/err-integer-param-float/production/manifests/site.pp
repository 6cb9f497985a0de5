class t(Integer $x) { }
class { 't': x => 2.0 }
