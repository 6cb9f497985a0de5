@notify { "testing": message => ["original message"] }
Notify <| |> {
  message +> "extra message"
}
