$a = ['strawberry','blueberry','orange']
$b = $a.filter |*$ix|{ $ix[0]  == 0 or $ix[0] ==2}
file { "/file_${b[0]}": ensure => present }
file { "/file_${b[1]}": ensure => present }
