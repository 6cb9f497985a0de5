if( 1 == 3) {
  notify { 'if': }
} elsif(2 == 2) {
  notify { 'elsif': }
} else {
  notify { 'else': }
}
