notify { 'float': message => "${2.0 =~ Float} ${2 =~ Float} ${2.5 =~ Float}" }
notify { 'integer': message => "${2.0 =~ Integer} ${2 =~ Integer}" }
notify { 'numeric': message => "${2 =~ Numeric} ${2.0 =~ Numeric} ${'2' =~ Numeric}" }
notify { 'ranges': message => "${2.5 =~ Float[2.0, 3.0]} ${3 =~ Float[0.0]} ${3.0 =~ Float[0.0]} ${4.0 =~ Float[0.0, 3.5]}" }
notify { 'scalar': message => "${2.0 =~ Scalar} ${2.0 =~ Data} ${[1.0] =~ Array[Numeric]} ${[1.0] =~ Array[Integer]}" }
notify { 'type': message => "${type(2.0)} ${type(2)} ${type(2.5)} ${type(-1.0)}" }
