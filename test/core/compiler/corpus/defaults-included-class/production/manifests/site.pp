class outer {
  File { mode => '0644' }
  include inner
  file { '/tmp/outer': ensure => file }
}
class inner {
  file { '/tmp/inner': ensure => file }
}
include outer
