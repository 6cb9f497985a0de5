notify { 'n00': message => delete('foobarbabarz', 'bar') }
notify { 'n01': message => delete('foobarbabarz', ['foo', 'bar']) }
notify { 'n02': message => delete('barbar', 'bar') }
notify { 'n03': message => delete(['ab', 'b', 'c', 'b'], 'b') }
notify { 'n04': message => delete([], '') }
notify { 'n05': message => delete({'key' => 'value', 'key2' => 'value2'}, 'key') }
notify { 'n06': message => delete([1, 2, 1.0], 1) }
