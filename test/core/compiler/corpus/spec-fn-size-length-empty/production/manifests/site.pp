notify { '01 size([1, 2, 3])': message => size([1, 2, 3]) }
notify { '02 size({\'a\' => 1})': message => size({'a' => 1}) }
notify { '03 size(\'åäö\')': message => size('åäö') }
notify { '04 length(\'\')': message => length('') }
notify { '05 [].length': message => [].length }
notify { '06 empty([])': message => empty([]) }
notify { '07 empty({})': message => empty({}) }
notify { '08 empty(\'\')': message => empty('') }
notify { '09 empty(\' \')': message => empty(' ') }
notify { '10 empty([undef])': message => empty([undef]) }
notify { '11 empty(undef)': message => empty(undef) }
notify { '12 empty(0)': message => empty(0) }
notify { '13 empty(0.0)': message => empty(0.0) }
