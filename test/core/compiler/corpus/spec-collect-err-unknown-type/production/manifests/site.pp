class theclass {
  @notify { "testing": message => "good message" }
}
SomeResource <|  |>
