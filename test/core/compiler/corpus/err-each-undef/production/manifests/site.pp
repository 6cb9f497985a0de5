$x = undef
$x.each |$v| { notify { $v: } }
