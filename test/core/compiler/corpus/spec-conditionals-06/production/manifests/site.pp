if $undef_var {
} else {
  notify { 'undef': }
}
