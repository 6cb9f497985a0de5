define fourth() { }
class third { }

define second() {
  fourth { "position": }
}

class first {
  second { "position": }
  class { "third": }
}

include first
