with('value') |String $x| { notify { "$x": } }
