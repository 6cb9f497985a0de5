$who = 'ops'
$plain = @(EOT)
  No $interpolation here\n
  EOT
$interp = @("EOT")
  Hello ${who}
    indented line
  | EOT
$trimmed = @("END"/n)
  line one\nline two
  |- END
file { '/tmp/plain': content => $plain }
file { '/tmp/interp': content => $interp }
file { '/tmp/trimmed': content => $trimmed }
notify { 'after heredoc': message => "${who}" }
