class t(String[1] $x) { }
class { 't': x => '' }
