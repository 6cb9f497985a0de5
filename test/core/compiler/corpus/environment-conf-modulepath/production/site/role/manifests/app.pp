class role::app { include profile::app notify { "role ${module_name}": } }
