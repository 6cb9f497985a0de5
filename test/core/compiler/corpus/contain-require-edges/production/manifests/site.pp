class outer {
  contain inner_a
  require inner_b
  include inner_c
}
class inner_a { notify { 'a': } }
class inner_b { notify { 'b': } }
class inner_c { notify { 'c': } }
include outer
stage { 'pre': before => Stage['main'] }
class { 'staged': stage => 'pre' }
class staged { notify { 'staged': } }
