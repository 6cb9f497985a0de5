define needs(String $required) { }
needs { 'x': }
