file { [a,b,c]:
  mode => '0644',
}
file { [d,e]:
  mode => '0755',
}
