# Timestamp.new with an array of formats: p_timestamp_type_spec.rb
$r = [
  Timestamp('Sunday, 28 August, 2016 at 12:15:00 PM', ['%A, %d %B, %Y at %r', '%b %d, %Y, %l:%M %P', '%y-%m-%d %H:%M:%S %z']),
  Timestamp('Jul 24, 2016, 1:20 am', ['%A, %d %B, %Y at %r', '%b %d, %Y, %l:%M %P', '%y-%m-%d %H:%M:%S %z']),
  Timestamp('16-06-21 18:23:15 UTC', ['%A, %d %B, %Y at %r', '%b %d, %Y, %l:%M %P', '%y-%m-%d %H:%M:%S %z']),
  Timestamp('Sunday, 28 August, 2016 at 12:15:00 PM', ['%A, %d %B, %Y at %r', '%b %d, %Y, %l:%M %P', '%y-%m-%d %H:%M:%S'], 'CET'),
  Timestamp('Jul 24, 2016, 1:20 am', ['%A, %d %B, %Y at %r', '%b %d, %Y, %l:%M %P', '%y-%m-%d %H:%M:%S'], 'CET'),
  Timestamp('16-06-21 18:23:15', ['%A, %d %B, %Y at %r', '%b %d, %Y, %l:%M %P', '%y-%m-%d %H:%M:%S'], 'CET'),
  Timestamp('12/31/99 23:59', '%D %R'),
  Timestamp('Dec 5 2020 7:05:09 pm', '%b %e %Y %l:%M:%S %p'),
]
$r.each |$i, $v| { notify { "r${i}": message => $v } }
