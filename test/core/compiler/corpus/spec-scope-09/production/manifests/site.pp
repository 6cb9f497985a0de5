$c = "topscope"
class c { }
node default {
  include c
  notify { 'something': message => $c }
}
