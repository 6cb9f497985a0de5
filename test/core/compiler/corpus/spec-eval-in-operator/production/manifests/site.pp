notify { '01 1 in [1,2,3]': message => 1 in [1,2,3] }
notify { '02 4 in [1,2,3]': message => 4 in [1,2,3] }
notify { '03 a in {x=>1, a=>2}': message => a in {x=>1, a=>2} }
notify { '04 z in {x=>1, a=>2}': message => z in {x=>1, a=>2} }
notify { '05 ana in bananas': message => ana in bananas }
notify { '06 xxx in bananas': message => xxx in bananas }
notify { '07 /ana/ in bananas': message => /ana/ in bananas }
notify { '08 /xxx/ in bananas': message => /xxx/ in bananas }
notify { '09 FILE in profiler': message => FILE in profiler }
notify { '10 \'FILE\' in profiler': message => 'FILE' in profiler }
notify { '11 String[1] in bananas': message => String[1] in bananas }
notify { '12 ana in \'BANANAS\'': message => ana in 'BANANAS' }
notify { '13 /ana/ in \'BANANAS\'': message => /ana/ in 'BANANAS' }
notify { '14 /ANA/ in \'BANANAS\'': message => /ANA/ in 'BANANAS' }
notify { '15 [2,3] in [1,[2,3],4]': message => [2,3] in [1,[2,3],4] }
notify { '16 [2,4] in [1,[2,3],4]': message => [2,4] in [1,[2,3],4] }
notify { '17 [a,b] in [\'A\',[\'A\',\'B\'],\'C\']': message => [a,b] in ['A',['A','B'],'C'] }
notify { '18 [x,y] in [\'A\',[\'A\',\'B\'],\'C\']': message => [x,y] in ['A',['A','B'],'C'] }
notify { '19 \'A\' in {a=>1}': message => 'A' in {a=>1} }
notify { '20 a in {\'A\'=>1}': message => a in {'A'=>1} }
notify { '21 /xxx/ in {\'aaaxxxbbb\'=>1}': message => /xxx/ in {'aaaxxxbbb'=>1} }
notify { '22 /yyy/ in {\'aaaxxxbbb\'=>1}': message => /yyy/ in {'aaaxxxbbb'=>1} }
notify { '23 15 in [1, 0xf]': message => 15 in [1, 0xf] }
notify { '24 15 in [1, \'0xf\']': message => 15 in [1, '0xf'] }
notify { '25 \'15\' in [1, 0xf]': message => '15' in [1, 0xf] }
notify { '26 15 in [1, 115]': message => 15 in [1, 115] }
notify { '27 1 in [11, \'111\']': message => 1 in [11, '111'] }
notify { '28 \'1\' in [11, \'111\']': message => '1' in [11, '111'] }
notify { '29 Array[Integer] in [2, 3]': message => Array[Integer] in [2, 3] }
notify { '30 Array[Integer] in [2, [3, 4]]': message => Array[Integer] in [2, [3, 4]] }
notify { '31 Array[Integer] in [2, [a, 4]]': message => Array[Integer] in [2, [a, 4]] }
notify { '32 Integer in { 2 =>\'a\'}': message => Integer in { 2 =>'a'} }
notify { '33 Integer[5,10] in [1,5,3]': message => Integer[5,10] in [1,5,3] }
notify { '34 Integer[5,10] in [1,2,3]': message => Integer[5,10] in [1,2,3] }
notify { '35 Integer in {\'a\'=>\'a\'}': message => Integer in {'a'=>'a'} }
notify { '36 Integer in {\'a\'=>1}': message => Integer in {'a'=>1} }
