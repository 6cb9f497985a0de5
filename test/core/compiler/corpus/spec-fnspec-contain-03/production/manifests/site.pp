class outer {
  class named { }
  contain outer::named
}

class named { }

include named
include outer
