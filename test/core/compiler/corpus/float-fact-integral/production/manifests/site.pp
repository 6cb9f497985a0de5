# A fact sent as `1.0` is a Float (Puppet reads the facts document with Ruby's JSON), an integral one with an exponent too.
define floaty($v) {}
floaty { 'facts': v => [$facts['weight'], $facts['ratio'], $facts['big'], $facts['count'], $facts['nested']] }
notify { 'types':
  message => "${type($facts['weight'], 'generalized')} ${type($facts['count'], 'generalized')} ${facts['weight']} ${weight} ${ratio} ${big}",
}
notify { 'arithmetic':
  message => [$facts['weight'] + 1, $facts['weight'] * 3, $facts['count'] / 2, $facts['nested']['a'][0] / 4],
}
if $facts['weight'] =~ Float { notify { 'weight is a Float': } }
if $facts['count'] =~ Integer { notify { 'count is an Integer': } }
notify { 'equal': message => $facts['weight'] == 1 }
