class c(Array[Hash[String, String]] $a) { }
class { 'c': a => [{ 'k' => 'v' }, { 'k' => 1 }] }
