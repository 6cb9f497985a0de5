$secret = Sensitive('hunter2')
file { '/etc/secret': content => $secret, mode => '0600' }
user { 'svc': password => Sensitive('$6$hash') }
notify { 'plain': message => "len=${secret.unwrap.length} ${secret =~ Sensitive}" }
