define does_next {
  notice $title
  if 1 == 1 { next() } # avoid making next line statically unreachable
  notice 'b'
}
define checker {
  notice defined(Does_next['the_doer_of_next'])
  notice defined(Does_next['copy_cat'])
}
# create two instances to ensure next does not break the entire
# resource expression
does_next { ['the_doer_of_next', 'copy_cat']: }
checker { 'needed_because_evaluation_order': }
