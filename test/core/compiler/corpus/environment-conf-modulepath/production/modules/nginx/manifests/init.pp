class nginx { notify { "nginx from ${module_name}": } }
