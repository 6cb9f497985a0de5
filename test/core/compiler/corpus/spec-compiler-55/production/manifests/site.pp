['value', 1, true, undef].each |$x| { notify { "value: $x": } }
