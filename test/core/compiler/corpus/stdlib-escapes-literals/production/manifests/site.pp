notify { 'n00': message => batch_escape('a "b" $c\\d') }
notify { 'n01': message => powershell_escape("a b'c`d|e\$f\"g") }
notify { 'n02': message => to_python({'a' => [true, undef, 1.5, 'x']}) }
notify { 'n03': message => to_ruby({'a' => [true, undef, 1.5, 'x\"y']}) }
notify { 'n04': message => stdlib::ip_in_range('10.1.2.3', '10.0.0.0/8') }
notify { 'n05': message => stdlib::ip_in_range('10.1.2.3', ['192.168.0.0/16', '10.1.2.0/255.255.255.0']) }
notify { 'n06': message => stdlib::ip_in_range('fe80::1', 'fe80::/10') }
notify { 'n07': message => stdlib::ip_in_range('10.1.2.3', 'fe80::/10') }
