# Timestamp type: p_timestamp_type_spec.rb
$r = [
  Timestamp =~ Type[Timestamp],
  Timestamp == Timestamp,
  Timestamp < Timestamp,
  Timestamp > Timestamp,
  Timestamp('5553-12-31') =~ Timestamp['2015-03-01', default],
  Timestamp['2015-03-01', '2015-09-30'] < Timestamp['2015-02-01', '2015-10-30'],
  Timestamp['2015-03-01', '2015-09-30'] > Timestamp['2015-02-01', '2015-10-30'],
  Timestamp(1) =~ Timestamp[1, 2],
  Timestamp(3) =~ Timestamp[1],
  Timestamp(0) =~ Timestamp[default, 2],
  Timestamp(3) =~ Timestamp[1, 2],
  Timestamp(1.0) =~ Timestamp[1.0, 2.0],
  Timestamp(3.0) =~ Timestamp[1.0],
  Timestamp(0.0) =~ Timestamp[default, 2.0],
  Timestamp(0) =~ Scalar,
  Timestamp(0) =~ ScalarData,
  Timestamp(0) =~ Data,
  Timestamp(0) =~ RichData,
  Timestamp(0) =~ Timespan,
  Timestamp(0) =~ Numeric,
]
$r.each |$i, $v| { notify { "r${i}": message => $v } }
