define d(String[2, 4] $s) { }
d { 'x': s => 'abcdef' }
