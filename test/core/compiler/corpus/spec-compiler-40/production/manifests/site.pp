define foo(Struct[{b => Integer, d=>String}] $a) { }
foo{ bar: a => {b => 5, c => 'stuff'}}
