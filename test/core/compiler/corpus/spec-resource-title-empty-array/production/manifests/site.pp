notify { []: }
$x = [] notify { $x: }
notify { 'marker': }
