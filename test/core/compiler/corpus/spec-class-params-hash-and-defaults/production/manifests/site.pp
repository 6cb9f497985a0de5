class conf(Hash $settings = {}, Array[String] $list = [], Optional[String] $opt = undef, $computed = "${settings['a']}-x") {
  notify { 'conf': message => [$settings, $list, $opt, $computed] }
}
class { 'conf': settings => {'a' => 1, 'b' => [2]}, list => ['x'] }
