define foo($message) {
  notify { "$name": message => $message }
}
foo { test: message => ['given'] }
Notify <|  |> { message +> ['overridden'] }
