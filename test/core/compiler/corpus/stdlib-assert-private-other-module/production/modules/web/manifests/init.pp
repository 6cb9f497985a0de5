class web {
  include app::config
}
