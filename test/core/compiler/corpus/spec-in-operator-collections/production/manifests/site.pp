$pkgs = ['nginx', 'Apache2']
notify { '01 \'NGINX\' in $pkgs': message => 'NGINX' in $pkgs }
notify { '02 \'apache2\' in $pkgs': message => 'apache2' in $pkgs }
notify { '03 /^ng/ in $pkgs': message => /^ng/ in $pkgs }
notify { '04 \'x\' in {\'X\' => 1}': message => 'x' in {'X' => 1} }
notify { '05 1 in {1 => a}': message => 1 in {1 => a} }
notify { '06 \'ab\' in \'xaby\'': message => 'ab' in 'xaby' }
notify { '07 String in [\'a\', 1]': message => String in ['a', 1] }
notify { '08 Integer in [\'a\']': message => Integer in ['a'] }
notify { '09 3 in Integer[1, 5].map |$x| { $x }': message => 3 in Integer[1, 5].map |$x| { $x } }
