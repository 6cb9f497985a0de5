notify { '01 *[1,2,3]': message => *[1,2,3] }
notify { '02 [*1]': message => [*1] }
notify { '03 [*\'a\']': message => [*'a'] }
notify { '04 [*{a=>10, b=>20}]': message => [*{a=>10, b=>20}] }
notify { '05 [*[1,2,3].reverse_each]': message => [*[1,2,3].reverse_each] }
notify { '06 [1,*[2,3],4]': message => [1,*[2,3],4] }
notify { '07 [1,*[2,3],4][1]': message => [1,*[2,3],4][1] }
