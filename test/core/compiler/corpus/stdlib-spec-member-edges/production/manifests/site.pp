notify { 'n00': message => member([''], '') }
notify { 'n01': message => member([], ['one']) }
notify { 'n02': message => member([1, 'a', 'b', 4], [4, 'b']) }
notify { 'n03': message => member(['one', 'two', 'three', 'four'], ['four', 'five']) }
notify { 'n04': message => member([1, 2], '1') }
