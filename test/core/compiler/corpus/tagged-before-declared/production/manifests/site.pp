class early {
  notify { 'early': message => "${tagged('late')} ${tagged('early')}" }
}
class late { }
include early
include late
notify { 'after': message => "${tagged('late')}" }
