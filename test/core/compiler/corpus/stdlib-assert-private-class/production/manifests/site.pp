include app::config
