class opt(Optional[String] $x = undef) { }
class { 'opt': x => 5 }
