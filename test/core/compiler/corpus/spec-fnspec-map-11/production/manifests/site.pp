$a = [false,false]
$a.map |$x| { $x }.each |$i, $v| {
  file { "/file_$i.$v": ensure => present }
}
