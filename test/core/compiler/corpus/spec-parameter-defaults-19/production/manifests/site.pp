Optional[Integer] $a
