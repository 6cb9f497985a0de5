$a = [1, 3, 2]
$b = $a.tree_each
file { "/file_${$b =~ Iterator}":
  ensure => present
}
