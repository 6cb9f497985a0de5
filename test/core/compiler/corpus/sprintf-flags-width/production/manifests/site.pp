notify { 'width': message => sprintf('[%5s][%-5s][%5d][%-5d][%05d]', 'ab', 'ab', 42, 42, 42) }
notify { 'plus-space': message => sprintf('[%+d][% d][%+d][% d][%+.1f]', 5, 5, -5, -5, 2) }
notify { 'star': message => sprintf('[%*d][%-*d][%.*f]', 6, 42, 6, 42, 2, 3.14159) }
notify { 'precision-s': message => sprintf('[%.3s][%10.2s]', 'abcdef', 'xyz') }
notify { 'precision-d': message => sprintf('[%.5d][%8.3d][%+.3d]', 42, 7, 7) }
notify { 'zero-neg': message => sprintf('[%05d][%06.2f][%-05d]', -42, -1.5, 3) }
