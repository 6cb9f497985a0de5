$x = { mode => '0666' }
$y = { owner => the_y }
$t = '/tmp/x'
file { $t:
  * => $x,
  * => $y }
