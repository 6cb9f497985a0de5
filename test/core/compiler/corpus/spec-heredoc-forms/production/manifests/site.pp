$x = 'val'
$a = @(END)
  indented
    more
  END
$b = @("END")
  interp ${x}
  END
$c = @(END/n)
  escaped\nnewline
  END
$d = @(END:json)
  {"a": 1}
  END
$e = @("END"/$)
  dollar \$x and ${x}
  END
$f = @(END)
no margin
END
$g = @(END)
  trimmed
  - END
notify { 'a': message => $a }
notify { 'b': message => $b }
notify { 'c': message => $c }
notify { 'd': message => $d }
notify { 'e': message => $e }
notify { 'f': message => $f }
notify { 'g': message => $g }
