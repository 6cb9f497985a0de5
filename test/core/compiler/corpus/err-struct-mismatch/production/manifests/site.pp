class st(Struct[{ name => String, port => Integer }] $s) { }
class { 'st': s => { 'name' => 'a' } }
