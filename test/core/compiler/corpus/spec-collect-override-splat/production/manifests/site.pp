@notify { "testing": message => "original message" }
Notify <| |> {
  * => { message => "overridden message" }
}
