class a {
  Notify { message => "defaulted" }
  include b
  notify { bye: }
}
class b { notify { hi: } }

include a
