@notify { "testing": message => "different message" }
Notify <| title == "does not exist" |>
