class app($port = 80, $name_ = 'dflt', Array $list = []) {
  notify { 'app': message => [$port, $name_, $list] }
}
include app
