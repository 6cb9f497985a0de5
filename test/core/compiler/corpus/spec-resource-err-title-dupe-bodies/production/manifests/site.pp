notify { dupe:; dupe: }
