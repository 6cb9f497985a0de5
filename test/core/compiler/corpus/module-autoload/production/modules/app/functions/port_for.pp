function app::port_for(String $name) >> Integer { $name ? { 'web' => 80, default => 8080 } }
