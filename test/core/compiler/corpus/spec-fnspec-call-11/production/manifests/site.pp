$x = { 'a' => [1,2,3] }
$d = Deferred('$x', ['a', 2])
$a = $d.call()
notify { "value $a": }
