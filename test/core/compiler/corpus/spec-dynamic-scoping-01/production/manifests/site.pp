class foo::thing {
  notify {"from foo::thing":}
}

class thing {
  notify {"from ::thing":}
}

class foo {
#  include thing
  class {'thing':}
}

include foo
