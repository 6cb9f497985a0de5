$types = {a => undef}.values.map |$v| { $v.type }
notify { "${types[0]}": }
