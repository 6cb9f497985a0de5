@notify { "testing": tag => ["wanted"], message => "wanted message" }
@notify { "other": tag => ["why"], message => "the way it works" }
Notify <| tag != "why" |>
