class base { Service { enable => true } }
class web inherits base { service { 'nginx': } }
class unrelated { Service { enable => false } include web }
include unrelated
