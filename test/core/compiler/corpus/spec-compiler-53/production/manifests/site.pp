with(['value', 'second']) |$x| { notify { "${x[0]} ${x[1]}": } }
