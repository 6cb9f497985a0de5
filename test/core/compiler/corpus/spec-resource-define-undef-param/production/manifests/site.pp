define foo($x) { notify { "title": message =>"aaa${x}bbb"} }
foo{ test: x => undef }
