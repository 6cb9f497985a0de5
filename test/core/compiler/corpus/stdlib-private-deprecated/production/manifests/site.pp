app::thing { 'x': }
