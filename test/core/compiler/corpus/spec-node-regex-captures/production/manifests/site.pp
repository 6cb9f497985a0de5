node /^web(\d+)\.(example)\.com$/ { notify { 'captures': message => [$0, $1, $2] } }
node default { notify { 'default': } }
