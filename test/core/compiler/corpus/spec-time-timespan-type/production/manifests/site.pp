# Timespan type: p_timespan_type_spec.rb
$r = [
  Timespan =~ Type[Timespan],
  Timespan == Timespan,
  Timespan < Timespan,
  Timespan > Timespan,
  Timespan('12345-23:59:59') =~ Timespan['01:00:00', default],
  Timespan['01:00:00', '13:00:00'] < Timespan['00:00:00', '14:00:00'],
  Timespan['01:00:00', '13:00:00'] > Timespan['00:00:00', '14:00:00'],
  Timespan(1) =~ Timespan[1, 2],
  Timespan(3) =~ Timespan[1],
  Timespan(0) =~ Timespan[default, 2],
  Timespan(0) =~ Timespan[1, 2],
  Timespan(3) =~ Timespan[1, 2],
  Timespan(1.0) =~ Timespan[1.0, 2.0],
  Timespan(3.0) =~ Timespan[1.0],
  Timespan(0.0) =~ Timespan[default, 2.0],
  Timespan(0.0) =~ Timespan[1.0, 2.0],
  Timespan(3) =~ Scalar,
  Timespan(3) =~ Timestamp,
]
$r.each |$i, $v| { notify { "r${i}": message => $v } }
