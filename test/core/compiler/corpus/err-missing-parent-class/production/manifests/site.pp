class child inherits nosuchparent { }
include child
