define d() {
  notify { "d-${title}": message => "${tagged('d')} ${tagged('app')} ${tagged($title)} ${tagged('other')}" }
}
class app {
  d { 'x': }
}
node default {
  include app
  notify { 'node': message => "${tagged('app')} ${tagged('d')} ${tagged('default')} ${tagged('web1.example.com')} ${tagged('node')}" }
}
