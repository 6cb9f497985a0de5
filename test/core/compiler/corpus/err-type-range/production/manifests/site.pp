class t(Integer[1, 10] $x) { }
class { 't': x => 20 }
