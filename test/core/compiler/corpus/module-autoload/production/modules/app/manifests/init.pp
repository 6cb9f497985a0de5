class app($version = '2.0') { notify { "app ${version} ${module_name}": } }
