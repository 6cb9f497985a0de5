@notify { "single": tag => ["one"], message => "wanted" }
@notify { "double": tag => ["two"], message => "wanted" }
@notify { "interp": tag => ["three"], message => "wanted" }
Notify <| tag == 'one' |>
Notify <| tag == "two" |>
$x = 'three'
Notify <| tag == "$x" |>
