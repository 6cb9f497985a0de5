function my_split(Hash $hashy, $on) { split($hashy['key'], $on)  }
$d = Deferred('my_split', [ {'key' => Deferred('test::abc')}, '-'])
$a = $d.call()
notify { $a[0]: }
