$a = case 1 { 1 : { yes } }
$b = case 2 { 1,2,3 : { yes} }
$c = case 2 { 1,3 : { no } 2: { yes} }
$d = case 2 { 1,3 : { no } 5: { no } default: { yes }}
$e = case 2 { 1,3 : { no } 5: { no } }
$f = case 'banana' { 1,3 : { no } /.*ana.*/: { yes } }
$g = case 'banana' { /.*(ana).*/: { $1 } }
$h = case [1] { Array : { yes } }
$i = case [1] { Array[String] : { no } Array[Integer]: { yes } }
$j = case 1 { Integer : { yes } Type[Integer] : { no } }
$k = case Integer { Integer : { no } Type[Integer] : { yes } }
$l = case ringo { *[paul, john, ringo, george] : { 'beatle' } }
$m = case undef { undef : { 'yes' } }
$n = case undef { *undef : { 'no' } default :{ 'yes' }}
$o = case [green, 2, whatever] { [/ee/, Integer[0,10], default] : { 'yes' } default :{ 'no' }}
$p = case [green, 2, whatever] { default :{ 'no' } [/ee/, Integer[0,10], default] : { 'yes' }}
$q = case {a=>1, b=>2, whatever=>3, extra => ignored} { { a => Integer[0,5], b => Integer[0,5], whatever => default } : { 'yes' } default : { 'no' }}
notify { 'values': message => [$a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l, $m, $n, $o, $p, $q] }
