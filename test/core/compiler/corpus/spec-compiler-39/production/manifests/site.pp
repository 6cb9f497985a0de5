define bar($text) { }
define foo(Type[Bar] $x) {
  notify { 'test': message => $x[text] }
}
bar { 'joke': text => 'knock knock' }
foo { 'test': x => Bar[joke] }
