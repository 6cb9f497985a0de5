node /(.*)/ { notify { "$1": } }
