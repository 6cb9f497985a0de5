$a = [1, 3, 2]
$b = $a.tree_each |$path, $x| { "unwanted" }
file { "/file_${b[1]}":
  ensure => present
}
