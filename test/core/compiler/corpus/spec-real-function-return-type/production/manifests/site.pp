function double(Integer $x) >> Integer { $x * 2 }
function greet(String $who, String $greeting = 'hello') { "${greeting}, ${who}" }
notify { 'double': message => double(21) }
notify { 'greet': message => [greet('world'), greet('you', 'hi')] }
