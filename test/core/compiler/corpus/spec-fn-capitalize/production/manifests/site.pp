notify { '01 \'abc\'.capitalize': message => 'abc'.capitalize }
notify { '02 42.capitalize': message => 42.capitalize }
notify { '03 \'åäö\'.capitalize': message => 'åäö'.capitalize }
notify { '04 [\'aa\', \'ba\', \'ca\'].capitalize': message => ['aa', 'ba', 'ca'].capitalize }
notify { '05 [\'aa\', \'ba\', \'ca\'].reverse_each.capitalize': message => ['aa', 'ba', 'ca'].reverse_each.capitalize }
notify { '06 \'hELLO wORLD\'.capitalize': message => 'hELLO wORLD'.capitalize }
notify { '07 \'\'.capitalize': message => ''.capitalize }
