define foo($message) {
  @notify { "testing": message => $message }
}
foo { test: message => 'given' }
Notify <| |>
Foo <|  |> { message => 'overridden' }
