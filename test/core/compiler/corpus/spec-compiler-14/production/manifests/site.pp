class a {
  Notify { message => "defaulted" }
  include c
  notify { bye: }
}
class b { Notify { message => "inherited" } }
class c inherits b { notify { hi: } }

include a
