class app::config::files { file { '/etc/app': ensure => directory } }
