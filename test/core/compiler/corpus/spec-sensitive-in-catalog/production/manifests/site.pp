$secret = Sensitive('s3cret')
file { '/etc/secret': content => $secret, mode => '0600' }
notify { 'shown': message => "value: ${secret}" }
notify { 'unwrapped len': message => $secret.unwrap.length }
