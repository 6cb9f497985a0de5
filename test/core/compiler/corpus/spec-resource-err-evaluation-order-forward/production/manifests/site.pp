notify { hi: message => value; bye: message => Notify[hi][message] }
