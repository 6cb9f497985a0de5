# Strings boxed to Numeric (arithmetic_ops_spec.rb)
notify { 'ints': message => "${'2' + '2'}" }
notify { 'floats': message => "${'2.2' + '2.2'}" }
notify { 'hex': message => "${'0xF7' + '0x8'}" }
notify { 'octal': message => "${'0367' + '010'}" }
notify { 'float-str': message => "${'2.0' + 1} ${'1.5' * 2} ${'3' / 2}" }
