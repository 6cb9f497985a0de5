@notify { "testing": message => "original message" }
collector_test { testing: }
define collector_test() {
  Notify <| |> {
    message => "overridden message"
  }
}
