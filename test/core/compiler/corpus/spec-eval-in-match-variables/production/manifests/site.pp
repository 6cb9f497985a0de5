if /(ana)/ in bananas { notify { 'a': message => $1 } }
if /(xyz)/ in bananas { notify { 'b': message => $1 } } else { notify { 'b': message => "[${1}]" } }
$a = bananas =~ /(ana)/
$b = /(xyz)/ in bananas
notify { 'c': message => $1 }
if /p/ in [pineapple, bananas] { notify { 'd': message => $0 } }
if /b/ in [pineapple, bananas] { notify { 'e': message => $0 } }
