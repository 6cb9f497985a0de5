String.each |$i| { notify { "x${i}": } }
