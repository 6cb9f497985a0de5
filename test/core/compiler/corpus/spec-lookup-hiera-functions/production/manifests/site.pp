notify { 'h': message => hiera('key') }
notify { 'ha': message => hiera_array('arr') }
notify { 'hh': message => hiera_hash('hsh') }
notify { 'hd': message => hiera('nope', 'fallback') }
