@notify { "testing": message => "the message" }
@notify { "other": message => "the other message" }
Notify <| |>
