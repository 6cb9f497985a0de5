class a {
  Notify { message => "defaulted" }
  include c
  notify { bye: }
}
class b { Notify { message => "inherited" } }
class c inherits b { notify { hi: } }

include a
notify {hi_test: message => Notify[hi][message] }
notify {bye_test: message => Notify[bye][message] }
