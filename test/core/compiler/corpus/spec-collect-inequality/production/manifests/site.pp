@notify { "testing": message => "good message" }
@notify { "the wrong one": message => "bad message" }
Notify <| title != "the wrong one" |>
