class common { file { '/etc/common': content => $site_var } }
