$a = notify; Resource[$a] { testing: }
