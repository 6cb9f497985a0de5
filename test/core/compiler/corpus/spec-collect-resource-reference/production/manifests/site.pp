@notify { "foobar": }
@notify { "testing": require => Notify["foobar"], message => "wanted" }
Notify <| require == Notify["foobar"] |>
