class t(Float[0.0, 1.0] $x) { }
class { 't': x => 2.0 }
