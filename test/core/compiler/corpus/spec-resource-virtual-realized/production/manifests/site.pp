@notify { example: }
realize(Notify[example])
