class app::ports(App::Port $main = app::port_for('web')) { notify { "port ${main}": } }
