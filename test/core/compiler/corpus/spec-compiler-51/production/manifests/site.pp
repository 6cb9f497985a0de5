define bar($text) { }
class foo(Type[Bar] $x) {
  notify { 'test': message => $x[text] }
}
bar { 'joke': text => 'knock knock' }
class { 'foo': x => Bar[joke] }
