@notify { "testing": message => "original message" }
include collector_test
class collector_test {
  Notify <| |> {
    message => "overridden message"
  }
}
