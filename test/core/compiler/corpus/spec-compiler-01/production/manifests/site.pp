class xport_test {
  tag('foo_bar')
  @notify { 'nbr1':
    message => 'explicitly tagged',
    tag => 'foo_bar'
  }

  @notify { 'nbr2':
    message => 'implicitly tagged'
  }

  Notify <| tag == 'foo_bar' |> {
    message => 'overridden'
  }
}
include xport_test
