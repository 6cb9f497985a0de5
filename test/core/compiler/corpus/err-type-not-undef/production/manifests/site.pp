class t(NotUndef $x) { }
class { 't': x => undef }
