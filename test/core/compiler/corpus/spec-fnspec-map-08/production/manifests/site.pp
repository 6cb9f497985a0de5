$a = {'a'=>present,'b'=>absent,'c'=>present}
$a.map |*$kv|{ file { "/file_${kv[0]}": ensure => $kv[1] } }
