class t(Float $x) { }
class { 't': x => 1 }
