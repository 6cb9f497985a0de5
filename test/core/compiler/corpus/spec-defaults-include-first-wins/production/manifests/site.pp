class shared { package { 'shared-pkg': } }
class first { Package { ensure => 'latest' } include shared }
class second { Package { ensure => 'absent' } include shared }
include first
include second
