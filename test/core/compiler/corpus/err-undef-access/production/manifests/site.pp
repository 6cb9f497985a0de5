$h = undef
$v = $h['key']
