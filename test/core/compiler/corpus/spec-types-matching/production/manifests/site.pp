notify { '01 \'abc\' =~ String[1, 3]': message => 'abc' =~ String[1, 3] }
notify { '02 \'abcd\' =~ String[1, 3]': message => 'abcd' =~ String[1, 3] }
notify { '03 5 =~ Integer[0]': message => 5 =~ Integer[0] }
notify { '04 -1 =~ Integer[0]': message => -1 =~ Integer[0] }
notify { '05 1.5 =~ Float[1.0, 2.0]': message => 1.5 =~ Float[1.0, 2.0] }
notify { '06 1 =~ Float': message => 1 =~ Float }
notify { '07 1 =~ Numeric': message => 1 =~ Numeric }
notify { '08 \'a\' =~ Enum[\'a\', \'b\']': message => 'a' =~ Enum['a', 'b'] }
notify { '09 \'A\' =~ Enum[\'a\', \'b\']': message => 'A' =~ Enum['a', 'b'] }
notify { '10 \'foo1\' =~ Pattern[/^foo\\d$/, /^bar$/]': message => 'foo1' =~ Pattern[/^foo\d$/, /^bar$/] }
notify { '11 undef =~ Optional[String]': message => undef =~ Optional[String] }
notify { '12 \'x\' =~ Optional[String]': message => 'x' =~ Optional[String] }
notify { '13 1 =~ Optional[String]': message => 1 =~ Optional[String] }
notify { '14 [1, \'a\'] =~ Tuple[Integer, String]': message => [1, 'a'] =~ Tuple[Integer, String] }
notify { '15 [1, \'a\', \'b\'] =~ Tuple[Integer, String, 1, 3]': message => [1, 'a', 'b'] =~ Tuple[Integer, String, 1, 3] }
notify { '16 [1] =~ Tuple[Integer, String]': message => [1] =~ Tuple[Integer, String] }
notify { '17 {\'a\' => 1} =~ Struct[{\'a\' => Integer, Optional[\'b\'] => String}]': message => {'a' => 1} =~ Struct[{'a' => Integer, Optional['b'] => String}] }
notify { '18 {\'a\' => 1, \'c\' => 2} =~ Struct[{\'a\' => Integer}]': message => {'a' => 1, 'c' => 2} =~ Struct[{'a' => Integer}] }
notify { '19 {\'b\' => \'x\'} =~ Struct[{\'a\' => Optional[Integer], \'b\' => String}]': message => {'b' => 'x'} =~ Struct[{'a' => Optional[Integer], 'b' => String}] }
notify { '20 1 =~ Variant[String, Integer]': message => 1 =~ Variant[String, Integer] }
notify { '21 true =~ Variant[String, Integer]': message => true =~ Variant[String, Integer] }
notify { '22 [] =~ Array[String, 1]': message => [] =~ Array[String, 1] }
notify { '23 {\'a\' => 1} =~ Hash[String, Integer, 1, 1]': message => {'a' => 1} =~ Hash[String, Integer, 1, 1] }
notify { '24 \'x\' =~ NotUndef': message => 'x' =~ NotUndef }
notify { '25 undef =~ NotUndef[String]': message => undef =~ NotUndef[String] }
notify { '26 /re/ =~ Regexp': message => /re/ =~ Regexp }
notify { '27 /re/ =~ Regexp[/re/]': message => /re/ =~ Regexp[/re/] }
notify { '28 Integer =~ Type[Numeric]': message => Integer =~ Type[Numeric] }
notify { '29 String =~ Type[Numeric]': message => String =~ Type[Numeric] }
notify { '30 File[\'/x\'] =~ Type[Resource]': message => File['/x'] =~ Type[Resource] }
notify { '31 \'x\' =~ Scalar': message => 'x' =~ Scalar }
notify { '32 [1] =~ Scalar': message => [1] =~ Scalar }
notify { '33 {\'a\' => [1, {\'b\' => undef}]} =~ Data': message => {'a' => [1, {'b' => undef}]} =~ Data }
notify { '34 {1 => 2} =~ Data': message => {1 => 2} =~ Data }
notify { '35 \'x\' =~ Collection': message => 'x' =~ Collection }
notify { '36 [1, 2] =~ Collection[2, 2]': message => [1, 2] =~ Collection[2, 2] }
notify { '37 3 =~ Iterable': message => 3 =~ Iterable }
notify { '38 \'x\' =~ Any': message => 'x' =~ Any }
notify { '39 default =~ Default': message => default =~ Default }
