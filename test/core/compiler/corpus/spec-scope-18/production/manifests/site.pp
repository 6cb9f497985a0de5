class a ( 
  $var1 = 'Does it work?',
  $var2 = "${a::var1} Yes!"
) { 
  notify { 'something': message => $var2 }
}
include a
