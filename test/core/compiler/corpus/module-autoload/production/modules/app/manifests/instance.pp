define app::instance(Integer $port) { notify { "instance ${title} ${port}": } }
