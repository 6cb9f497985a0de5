class t(Variant[String, Integer] $x) { }
class { 't': x => true }
