class web(Array $dirs) {
  file { '/etc/web.conf': content => template('web/outer.erb') }
  notify { 'scope': message => $_template_scope }
}
