class { 'nope_class': }
