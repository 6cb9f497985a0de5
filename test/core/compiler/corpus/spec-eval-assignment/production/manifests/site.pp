$a = 5
$b = 6
$c = $d = 5
notify { 'a': message => $a }
notify { 'cd': message => $c == $d }
[$e] = 1
[$f] = [1]
[$g, $h] = [1,2]
[$i, [$j, $k]] = [1,[2, 3]]
[$l] = {l => 1}
[$m, $n] = {m=>1,n=>2}
[$o, [$p, $q]] = {o=>1,[p,q] =>{p=>2, q=>3}}
notify { 'destructure': message => [$e, $f, $g + $h, $i + $j + $k, $l, $m + $n, $o + $p + $q] }
