$x = thing notify { $x: }
