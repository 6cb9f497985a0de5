notify { '01 Array("abc")': message => Array("abc") }
notify { '02 Array("abc", true)': message => Array("abc", true) }
notify { '03 Array(3)': message => Array(3) }
notify { '04 Array({a => 1})': message => Array({a => 1}) }
notify { '05 Array([1])': message => Array([1]) }
notify { '06 Array(Integer[1, 3])': message => Array(Integer[1, 3]) }
notify { '07 Integer(\'0x10\')': message => Integer('0x10') }
notify { '08 Integer(\'010\')': message => Integer('010') }
notify { '09 Integer(\'0b101\')': message => Integer('0b101') }
notify { '10 Integer(\'111\', 2)': message => Integer('111', 2) }
notify { '11 Integer(3.9)': message => Integer(3.9) }
notify { '12 Integer(true)': message => Integer(true) }
notify { '13 Float(\'3\')': message => Float('3') }
notify { '14 Float(3)': message => Float(3) }
notify { '15 Float(\'1e3\')': message => Float('1e3') }
notify { '16 Numeric(\'3\')': message => Numeric('3') }
notify { '17 Numeric(\'3.0\')': message => Numeric('3.0') }
notify { '18 Boolean(\'yes\')': message => Boolean('yes') }
notify { '19 Boolean(\'false\')': message => Boolean('false') }
notify { '20 Boolean(0)': message => Boolean(0) }
notify { '21 String(3.5)': message => String(3.5) }
notify { '22 String([1, \'a\'])': message => String([1, 'a']) }
notify { '23 String({\'a\' => [1]})': message => String({'a' => [1]}) }
notify { '24 String(undef)': message => String(undef) }
notify { '25 String(true)': message => String(true) }
notify { '26 Hash([a, 1, b, 2])': message => Hash([a, 1, b, 2]) }
notify { '27 Hash([[a, 1], [b, 2]])': message => Hash([[a, 1], [b, 2]]) }
