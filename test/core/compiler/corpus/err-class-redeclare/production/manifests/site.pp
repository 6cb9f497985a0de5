class once($p = 1) { }
include once
class { 'once': p => 2 }
