# Timestamp arithmetic: pops/time/timestamp_spec.rb, evaluator_impl.rb
$r = [
  Timestamp('2016-09-23T13:14:15 UTC') + Timespan('1-00:00:00'),
  Timestamp('2016-09-23T13:14:15 UTC') + 3600,
  Timestamp('2016-09-23T13:14:15 UTC') + 0.5,
  3600 + Timestamp('2016-09-23T13:14:15 UTC'),
  Timestamp('2016-09-23T13:14:15 UTC') - Timestamp('2016-09-22T12:00:00 UTC'),
  Timestamp('2016-09-23T13:14:15 UTC') - Timespan(60),
  Timestamp('2016-09-23T13:14:15 UTC') - 86400,
  Timestamp('2016-09-23T13:14:15 UTC') - 1.25,
  Timestamp('2016-09-23T13:14:15 UTC') + '10',
  Integer(Timestamp('2016-09-23T13:14:15 UTC').strftime('%s')) - 86400,
]
$r.each |$i, $v| { notify { "r${i}": message => $v } }
