# strftime on Timestamps: strftime_spec.rb and Ruby Time#strftime
$r = [
  strftime(Timestamp('2016-09-23T13:14:15.123 UTC'), '%Y-%m-%d %H:%M:%S.%L %z'),
  strftime(Timestamp('2016-09-23T13:14:15.123 UTC'), '%Y-%m-%d %H:%M:%S.%L %z', 'EST'),
  Timestamp('2016-09-23T13:14:15.123456789 UTC').strftime('%c|%D|%F|%T|%R|%r|%x|%X|%v'),
  Timestamp('2016-09-23T13:14:15.123456789 UTC').strftime('%a %A %b %B %h %^a %^B %#b %10A|%-10A|'),
  Timestamp('2016-09-23T13:14:15.123456789 UTC').strftime('%C %y %Y %m %d %e %j %H %k %I %l %M %S %p %P %#p'),
  Timestamp('2016-01-03T01:02:03.000000001 UTC').strftime('%-m/%-d/%-y %_m %_d %_H %3m %010Y %5e %-e'),
  Timestamp('2016-09-23T13:14:15.123456789 UTC').strftime('%L %N %3N %6N %12N %1N %s %u %w %U %W %V %G %g %%|%n|%t|%Z|%z|%:z|%::z'),
  Timestamp('2021-01-01T00:00:00 UTC').strftime('%U %W %V %G %g %j %u %w'),
  Timestamp('2019-12-30T00:00:00 UTC').strftime('%U %W %V %G %g'),
  Timestamp('2016-09-23T13:14:15 UTC').strftime('%Z %z %:z', '+05:30'),
  Timestamp('2016-09-23T13:14:15 UTC').strftime('%F %T %Z %z', 'UTC'),
  Timestamp('2016-09-23T23:14:15 UTC').strftime('%F %T %z', 'CET'),
  Timestamp('2016-09-23T23:14:15 UTC').strftime('%F %T %z', '-0800'),
  Timestamp('1969-12-31T23:59:59.5 UTC').strftime('%s %F %T.%L'),
  Timestamp('2016-09-23T13:14:15 UTC').strftime('%Q %E %+ %q'),
  strftime(Timestamp(0), '%Y', ''),
]
$r.each |$i, $v| { notify { "r${i}": message => $v } }
