$r = [1, 2, false, undef].filter |$v| { $v } == [1, 2]
notify { "eval_${$r}": }
