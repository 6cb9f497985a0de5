$s = split(undef, ',')
