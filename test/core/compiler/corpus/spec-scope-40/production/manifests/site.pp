class foo {
  notify { 'something': message => $var, }
}
