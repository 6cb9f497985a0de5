notify { '01 Array(1)': message => Array(1) }
notify { '02 Array(0)': message => Array(0) }
notify { '03 Array(Integer[2, 4])': message => Array(Integer[2, 4]) }
notify { '04 Array(Enum[b, a])': message => Array(Enum[b, a]) }
notify { '05 Tuple([1, 2])': message => Tuple([1, 2]) }
notify { '06 Hash({})': message => Hash({}) }
notify { '07 Array(undef, true)': message => Array(undef, true) }
