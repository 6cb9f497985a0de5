notify { [dupe, dupe]: }
