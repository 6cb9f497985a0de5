class m($level = 'mid', $count = 3, $list = [1, 2, 3], $vhosts = { 'a.com' => { 'port' => 80, 'ssl' => false }, 'b.com' => { 'port' => 443, 'ssl' => true } }, $nothing = undef) {
  file { '/t': content => template('m/t.erb') }
}
include m
