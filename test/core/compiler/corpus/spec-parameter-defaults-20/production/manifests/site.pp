Optional[Integer] $a = 4
