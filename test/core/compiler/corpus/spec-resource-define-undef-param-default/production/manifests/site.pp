define foo($x="xx") { notify { "title": message =>"aaa${x}bbb"} }
foo{ test: x => undef }
