notify { [thing]: }
$x = [other] notify { $x: }
