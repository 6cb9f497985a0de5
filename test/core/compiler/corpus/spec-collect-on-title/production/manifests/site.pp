@notify { "testing": message => "the message" }
@notify { "untouched": message => "not collected" }
Notify <| title == "testing" |>
