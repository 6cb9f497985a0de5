# Examples from Puppet's spec/unit/pops/evaluator/arithmetic_ops_spec.rb
notify { 'add': message => "${2.2 + 2.2}" }
notify { 'sub': message => "${7.7 - 3.3}" }
notify { 'mul': message => "${6.1 * 3.1}" }
notify { 'div': message => "${6.6 / 3.3}" }
notify { 'neg-div': message => "${-(6.0 / 3.0)}" }
notify { 'div-neg': message => "${-6.0 / 3.0}" }
notify { 'int-div': message => "${6 / 3} ${-6 / 3} ${7 / 2} ${-7 / 2}" }
notify { 'shift': message => "${8 >> 1} ${8 << 1} ${8 >> -1} ${8 << -1}" }
notify { 'mod': message => "${6 % 3} ${10 % 3} ${-7 % 3}" }
