$a = notify
$b = example
$c = { message => hello }
@@Resource[$a] {
  $b:
    * => $c
}
realize(Resource[$a, $b])
