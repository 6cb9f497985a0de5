@notify { "testing":     message => "different message", withpath => true }
@notify { "other":       message => "the message" }
@notify { "yet another": message => "the message",       withpath => true }
Notify <| (title == "testing" or message == "the message") and withpath == true |>
