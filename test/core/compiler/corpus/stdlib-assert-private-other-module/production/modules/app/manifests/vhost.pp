define app::vhost {
  assert_private('vhosts are internal')
  notify { "vhost ${title} caller ${caller_module_name}": }
}
