@notify { "testing": message => ["the", "message"] }
@notify { "other testing": message => ["not", "here"] }
Notify <| message == "message" |>
