include app::ports
