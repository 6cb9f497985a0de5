type MyPort = Integer[1, 65535]
class c(MyPort $port) { }
class { 'c': port => 70000 }
