$v = {}.values.reduce(0) |$m, $v| { $m+1 }
notify { "${v}": }
