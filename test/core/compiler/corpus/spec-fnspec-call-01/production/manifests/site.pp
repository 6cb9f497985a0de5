$a = call('split', 'a-b-c', '-')
notify { $a[0]: }
