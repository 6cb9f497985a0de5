$a = {a=>x, b=>y}
"ab".map |$x|{$a[$x]}.each |$v|{
  file { "/file_$v": ensure => present }
}
