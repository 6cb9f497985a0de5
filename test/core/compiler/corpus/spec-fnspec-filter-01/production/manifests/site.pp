$a = ['strawberry','blueberry','orange']
$a.filter |$x|{ $x  =~ /berry$/}.each |$v|{
  file { "/file_$v": ensure => present }
}
