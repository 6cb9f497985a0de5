$x = { owner => the_x, mode => '0777' }
$y = { mode =>  '0666' }
$t = '/tmp/x'
file {
  default:
    * => $x;
  $t:
    path => '/somewhere',
    * => $y }
