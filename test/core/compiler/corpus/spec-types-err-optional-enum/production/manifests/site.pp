class c(Optional[Enum['a', 'b']] $v = undef) { }
class { 'c': v => 'z' }
