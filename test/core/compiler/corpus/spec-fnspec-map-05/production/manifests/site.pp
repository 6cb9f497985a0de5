$a = [1,2,3]
$a.map |$i, $x|{ if $i % 2 == 0 {$x} else {$x*10}}.each |$v|{
  file { "/file_$v": ensure => present }
}
