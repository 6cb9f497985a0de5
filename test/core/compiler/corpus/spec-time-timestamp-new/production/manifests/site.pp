# Timestamp.new from strings, formats, timezones, seconds: p_timestamp_type_spec.rb
$r = [
  Timestamp('2015-03-01'),
  type(Timestamp('2015-03-01')),
  Timestamp('2015-03-01T11:12:13'),
  Timestamp('2015-03-01 11:12:13'),
  Timestamp('Sunday, 28 August, 2016', '%A, %d %B, %Y'),
  Timestamp('Sunday, 28 August, 2016', '%A, %d %B, %Y', 'EST'),
  Timestamp({ string => 'Sunday, 28 August, 2016', format => '%A, %d %B, %Y' }),
  Timestamp({ string => 'Sunday, 28 August, 2016', format => '%A, %d %B, %Y', timezone => 'EST' }),
  Timestamp('2016-09-23T13:14:15.123 UTC'),
  Timestamp('2016-09-23T13:14:15.123456789123 UTC'),
  Timestamp('2016-09-23 13:14:15 +02:00'),
  Timestamp('2016-09-23 13:14:15.5 -0500'),
  Timestamp('2016-09-23', '%F', '+01:30'),
  Timestamp(1433116800),
  Timestamp(1433116800.123456),
  Timestamp(-1.5),
  Timestamp.new('2000-02-29'),
  String(Timestamp(0)),
]
$r.each |$i, $v| { notify { "r${i}": message => $v } }
