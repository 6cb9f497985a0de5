class notices_c { notice 'c' }
class does_next {
  notice 'a'
  if 1 == 1 { next() } # avoid making next line statically unreachable
  notice 'b'
}
# include two classes to check that next does not do an early return from
# the include function.
include(does_next, notices_c)
notice defined(does_next)
notice defined(notices_c)
