notify { [[nested, array]]: }
$x = [[n2, a2]] notify { $x: }
