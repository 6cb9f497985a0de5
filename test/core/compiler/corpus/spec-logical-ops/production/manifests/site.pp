notify { '01 true and true': message => true and true }
notify { '02 true and false': message => true and false }
notify { '03 false or true': message => false or true }
notify { '04 !true': message => !true }
notify { '05 !undef': message => !undef }
notify { '06 !\'\'': message => !'' }
notify { '07 !0': message => !0 }
notify { '08 !\'false\'': message => !'false' }
notify { '09 [] and true': message => [] and true }
notify { '10 {} or false': message => {} or false }
notify { '11 undef or \'x\'': message => undef or 'x' }
notify { '12 1 and 2': message => 1 and 2 }
notify { '13 true and (1 == 2)': message => true and (1 == 2) }
notify { '14 !(1 in [1, 2])': message => !(1 in [1, 2]) }
