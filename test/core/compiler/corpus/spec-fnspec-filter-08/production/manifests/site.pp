$a = {'strawberry'=>'red','blueberry'=>'blue','orange'=>'orange'}
$b = $a.filter |$x|{ $x[0]  =~ /berry$/}
file { "/file_${b['strawberry']}": ensure => present }
file { "/file_${b['blueberry']}": ensure => present }
file { "/file_${b['orange']}": ensure => present }
