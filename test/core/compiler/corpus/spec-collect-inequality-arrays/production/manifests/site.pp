@notify { "testing": message => "message" }
@notify { "the wrong one": message => ["not this message", "or this one"] }
Notify <| message != "not this message" |>
