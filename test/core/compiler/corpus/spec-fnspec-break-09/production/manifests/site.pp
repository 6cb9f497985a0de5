class does_break {
  notice 'a'
  if 1 == 1 { break() } # avoid making next line statically unreachable
  notice 'b'
}
include(does_break)
