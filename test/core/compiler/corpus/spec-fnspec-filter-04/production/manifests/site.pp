$a = ['strawberry','blueberry','orange']
$b = $a.filter |$x|{ $x  =~ /berry$/}
file { "/file_${b[0]}": ensure => present }
file { "/file_${b[1]}": ensure => present }
