$j = join(undef, ',')
