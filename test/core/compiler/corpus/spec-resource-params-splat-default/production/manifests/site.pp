$x = { owner => the_x }
$y = { mode =>  '0666' }
$t = '/tmp/x'
file {
  default:
    * => $x;
  $t:
    path => '/somewhere',
    * => $y }
