@notify { "testing": message => "original" }
Notify <|  |> { message => 'overridden1' }
Notify <|  |> { message => 'overridden2' }
