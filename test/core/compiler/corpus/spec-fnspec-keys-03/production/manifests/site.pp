$types = {undef => 1}.keys.map |$v| { $v.type }
notify { "${types[0]}": }
