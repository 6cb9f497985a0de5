$x = [undef] notify { $x: }
