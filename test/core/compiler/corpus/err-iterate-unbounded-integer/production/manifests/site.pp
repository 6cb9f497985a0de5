Integer.each |$i| { notify { "x${i}": } }
