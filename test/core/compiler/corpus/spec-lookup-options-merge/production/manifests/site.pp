notify { 'pkgs': message => lookup('pkgs') }
notify { 'cfg': message => lookup('cfg') }
