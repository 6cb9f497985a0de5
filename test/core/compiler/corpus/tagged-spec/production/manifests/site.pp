class one {
  tag('extra')
  notify { 'one': message => "${tagged('one')} ${tagged('One')} ${tagged('extra')} ${tagged('one', 'two')} ${tagged('two')} ${tagged('notdefined')}" }
}
class two {
  notify { 'two': message => "${tagged('one')} ${tagged('two')} ${tagged('extra')} ${tagged('three')}" }
}
class three { }
include one
include two
include three
notify { 'top': message => "${tagged('one')} ${tagged('three')} ${tagged('extra')} ${tagged('web1.example.com')}" }
