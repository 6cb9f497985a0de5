notify { [false]: }
