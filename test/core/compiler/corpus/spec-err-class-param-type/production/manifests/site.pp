class conf(Integer[1, 10] $n) { }
class { 'conf': n => 11 }
