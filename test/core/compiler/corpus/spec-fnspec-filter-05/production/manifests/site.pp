$a = ['strawberry','blueberry','orange']
$b = $a.filter |$index, $x|{ $index  == 0 or $index ==2}
file { "/file_${b[0]}": ensure => present }
file { "/file_${b[1]}": ensure => present }
