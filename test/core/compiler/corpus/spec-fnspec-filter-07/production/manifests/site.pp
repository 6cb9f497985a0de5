$a = {'strawberry'=>'red','blueberry'=>'blue','orange'=>'orange'}
$a.filter |$x|{ $x[0]  =~ /berry$/}.each |$v|{
  file { "/file_${v[0]}": ensure => present }
}
