@notify { 'a': message => 'one' }
realize(Notify['a'])
realize(Notify['a'])
Notify <| title == 'a' |>
