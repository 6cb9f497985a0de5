class t(Boolean $x) { }
class { 't': x => 'true' }
