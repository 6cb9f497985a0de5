notify { 'x': message => load_module_metadata('nosuchmodule') }
