$a = {'strawb'=>'red berry','blueb'=>'blue berry','orange'=>'orange fruit'}
$a.filter |$x|{ $x[1]  =~ /berry$/}.each |$v|{
  file { "/file_${v[0]}": ensure => present }
}
