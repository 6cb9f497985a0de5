# Timestamp() is now: compared, never printed (apt::update)
$now = Timestamp()
$threshold = (Integer(Timestamp().strftime('%s')) - 86400)
notify { 'now': message => [$now > Timestamp('2020-01-01'), $threshold > 1577836800, $now =~ Timestamp, Timestamp.new() >= $now] }
