class x (Stdlib::Port $port) {}
class { 'x': port => 'eighty' }
