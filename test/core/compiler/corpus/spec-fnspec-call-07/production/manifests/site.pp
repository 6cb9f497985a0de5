$d = Deferred('split', [Deferred('test::abc'), '-'])
$a = $d.call()
notify { $a[0]: }
