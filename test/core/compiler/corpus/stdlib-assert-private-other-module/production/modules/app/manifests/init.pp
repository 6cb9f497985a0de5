class app {
  include app::config
  app::vhost { 'main': }
  notify { "app caller ${caller_module_name}": }
}
