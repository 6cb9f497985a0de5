app::vhost { 'x': }
