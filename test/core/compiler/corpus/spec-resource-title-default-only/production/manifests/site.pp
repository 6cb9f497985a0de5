notify { default: message => 'x' }
$x = default notify { $x: }
notify { 'marker': }
