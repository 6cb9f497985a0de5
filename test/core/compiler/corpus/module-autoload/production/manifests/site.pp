include app::config::files
include app
app::instance { 'one': port => 1 }
notify { 'module var': message => $app::version }
