notify { t1: message => set }
$x = set notify { t2: message => $x }
notify { t3: *=> { message => set } }
$y = { message => set } notify { t4: * => $y }
