class mod($setting = 'code default', $other = 'code other') {
  notify { 'mod': message => [$setting, $other, lookup('mod::extra')] }
}
