# abs, round, ceiling, floor, min, max (spec/unit/functions/*_spec.rb)
notify { 'abs': message => "${abs(-2.0)} ${abs(-3)} ${abs(2.5)} ${abs('-3.5')} ${abs('-7')}" }
notify { 'round': message => "${round(2.5)} ${round(-2.5)} ${round(2.4)} ${round(3)} ${round(2.0)}" }
notify { 'ceiling': message => "${ceiling(2.1)} ${ceiling(-2.1)} ${ceiling(2.0)} ${ceiling(4)}" }
notify { 'floor': message => "${floor(2.9)} ${floor(-2.1)} ${floor(2.0)} ${floor(4)}" }
notify { 'minmax': message => "${min(1, 2.0)} ${max(1.5, 2)} ${min(2.0, 3.0)} ${max(2.0, 1)} ${max(1, 2, 3.0)}" }
notify { 'types': message => "${type(round(2.5))} ${type(floor(2.5))} ${type(abs(-2.0))}" }
