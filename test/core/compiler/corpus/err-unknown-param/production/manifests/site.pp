class p($known = 1) { }
class { 'p': unknown => 2 }
