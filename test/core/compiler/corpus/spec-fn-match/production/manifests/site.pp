notify { '01 match(\'abc123\', /[a-z]+[1-9]+/)': message => match('abc123', /[a-z]+[1-9]+/) }
notify { '02 match(\'abc123\', /([a-z]+)([1-9]+)/)': message => match('abc123', /([a-z]+)([1-9]+)/) }
notify { '03 match(\'abc123\', /([x]+)([6]+)/)': message => match('abc123', /([x]+)([6]+)/) }
notify { '04 match(\'abc123\', Pattern[/([a-z]+)([1-9]+)/])': message => match('abc123', Pattern[/([a-z]+)([1-9]+)/]) }
notify { '05 match(\'abc123\', Variant[Pattern[/([a-z]+)([1-9]+)/]])': message => match('abc123', Variant[Pattern[/([a-z]+)([1-9]+)/]]) }
notify { '06 match([\'abc123\', \'2a\', \'xyz2\'], /([a-z]+)[1-9]+/)': message => match(['abc123', '2a', 'xyz2'], /([a-z]+)[1-9]+/) }
notify { '07 \'abc123\'.match(\'[0-9]+\')': message => 'abc123'.match('[0-9]+') }
notify { '08 match(\'abc\', /(?<first>a)(b)?(x)?/)': message => match('abc', /(?<first>a)(b)?(x)?/) }
