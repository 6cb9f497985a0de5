$var = File[a]
$var -> File[b]
