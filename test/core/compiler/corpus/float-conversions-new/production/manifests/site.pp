# spec/unit/functions/new_spec.rb
notify { 'string': message => [String(2.0), String(2.5), String(1000.0), String(1)] }
notify { 'integer': message => [Integer(3.1415), Integer(true), Integer(false), Integer(42)] }
notify { 'integer-strings': message => [Integer('10'), Integer('010'), Integer('0x10'), Integer('0X10'), Integer('0B111'), Integer('0b111')] }
notify { 'integer-signs': message => [Integer('+1'), Integer('-1'), Integer('+ 1'), Integer('- 1'), Integer('+0x10'), Integer('- 0x10')] }
notify { 'float': message => "${Float(3)} ${Float('1')} ${Float('2.5')} ${Float(true)} ${Float(2.0)}" }
notify { 'numeric': message => "${Numeric('2')} ${Numeric('2.0')} ${Numeric(3)} ${Numeric(3.0)} ${Numeric(true)}" }
notify { 'types': message => "${type(Numeric('2'))} ${type(Numeric('2.0'))} ${type(Float(3))}" }
