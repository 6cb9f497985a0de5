class t(Hash[String, Integer] $x) { }
class { 't': x => { 'a' => 'b' } }
