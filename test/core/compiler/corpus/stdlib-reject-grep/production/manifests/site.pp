notify { 'n00': message => reject(['aaa', 'bbb', 'aab'], 'aa') }
notify { 'n01': message => reject(['a', 'b'], '^a$') }
notify { 'n02': message => grep(['aaa', 'bbb', 'ccc', 'aaaddd'], 'aaa') }
notify { 'n03': message => grep(['x1', 'y2'], '[0-9]') }
