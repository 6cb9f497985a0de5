class t(Struct[{ a => Integer }] $x) { }
class { 't': x => { 'a' => 1, 'b' => 2 } }
