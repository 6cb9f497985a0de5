@notify { "testing": tag => ["one"], message => "wanted" }
@notify { "other": tag => ["two"], message => "unwanted" }
Notify <| tag == one |>
