notify { $nope: }
