notify { 'bad': message => enclose_ipv6(['10.0.0.1', 'not-an-ip']) }
