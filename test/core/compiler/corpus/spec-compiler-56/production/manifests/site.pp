with(1, 2) |Integer *$x| { notify { "${$x[0] + $x[1]}": } }
