$s = Sensitive(12345)
notify { 'unwrapped': message => "unwrapped value is ${s.unwrap}" }
notify { 'still': message => "value is still ${s}" }
notify { 'split': message => "split is ${s.unwrap |$x| { split(String($x), '3') }}" }
notify { 'plain': message => unwrap('plain') }
