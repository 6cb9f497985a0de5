with(1) |$x, String $defaulted = 1| { notify { "${$x + $defaulted}": }}
