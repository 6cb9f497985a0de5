define foo($message) {
  notify { "testing": message => $message }
}
foo { test: message => 'given' }
Foo <|  |> { message => 'overridden' }
