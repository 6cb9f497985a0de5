$x = 10
define foo($x = undef) {
  notify { example:
    message => "'$x'"
  }
}
foo {'blah': x => undef }
