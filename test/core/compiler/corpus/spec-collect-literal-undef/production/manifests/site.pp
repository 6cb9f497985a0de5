define foo ($x = undef, $y = undef) {
  notify { 'testing': message => "foo::${x}::${y}" }
}
foo { 'bar': y => 'quux' }
Foo <| x == undef |> { x => 'baz' }
