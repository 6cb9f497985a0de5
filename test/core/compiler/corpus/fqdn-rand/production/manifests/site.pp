$minute = fqdn_rand(60)
$hour = fqdn_rand(24, 'backup')
notify { 'rand': message => [$minute, $hour, fqdn_rand(1000, 'x'), fqdn_rand(5, 7)] }
