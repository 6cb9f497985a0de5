class order($x = $y, $y = 1) { notify { "order [${x}] ${y}": } }
include order
