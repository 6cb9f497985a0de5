class foo(String $x) { }
class { 'foo':  x => /I am a regexp and I don't want to be a String/}
