if( 1 == 1) {
  notify { 'if': }
} elsif(2 == 2) {
  notify { 'elsif': }
} else {
  notify { 'else': }
}
