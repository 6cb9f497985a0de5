class app::config {
  assert_private()
  notify { "config module ${module_name} caller ${caller_module_name}": }
}
