$d = Deferred('split', ['a-b-c', '-'])
$a = $d.call()
notify { $a[0]: }
