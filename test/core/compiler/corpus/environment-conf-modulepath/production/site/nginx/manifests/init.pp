class nginx { notify { "site nginx wins ${module_name}": } }
