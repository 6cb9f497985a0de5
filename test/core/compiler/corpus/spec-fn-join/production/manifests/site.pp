notify { '01 join([1,2,3])': message => join([1,2,3]) }
notify { '02 join([1,2,3],\'x\')': message => join([1,2,3],'x') }
notify { '03 "x${join([])}y"': message => "x${join([])}y" }
notify { '04 join([1,2,[3,4]])': message => join([1,2,[3,4]]) }
notify { '05 join([1,2,{a => [3,4]}])': message => join([1,2,{a => [3,4]}]) }
notify { '06 join([undef, undef], "x")': message => join([undef, undef], "x") }
notify { '07 join([\'a\', 1.5, true], \', \')': message => join(['a', 1.5, true], ', ') }
notify { '08 [\'a\', \'b\'].join(\'-\')': message => ['a', 'b'].join('-') }
