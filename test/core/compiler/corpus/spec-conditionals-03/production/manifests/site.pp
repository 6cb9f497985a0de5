if( 1 == 2) {
  notify { 'if': }
} elsif(2 == 3) {
  notify { 'elsif': }
} else {
  notify { 'else': }
}
