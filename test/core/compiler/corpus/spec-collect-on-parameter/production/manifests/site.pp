@notify { "testing": message => "the message" }
@notify { "other testing": message => "the wrong message" }
Notify <| message == "the message" |>
