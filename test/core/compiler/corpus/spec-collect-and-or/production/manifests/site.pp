@notify { "testing": message => "the message" }
@notify { "other": message => "other message" }
@notify { "yet another": message => "different message" }
@notify { "fourth": message => "the message" }
Notify <| title == "testing" and message == "the message" |>
Notify <| title == "yet another" or message == "other message" |>
