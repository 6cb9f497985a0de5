notify { 'n00': message => parseyaml("a: 1\nb: [x, y]\nc:\n  d: true\n") }
notify { 'n01': message => parseyaml('- 1\n- two') }
notify { 'n02': message => parseyaml('[bad', 'fallback') }
notify { 'n03': message => parseyaml('plain') }
