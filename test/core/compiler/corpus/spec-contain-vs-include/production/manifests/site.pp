class inner { notify { 'inner': } }
class other { notify { 'other': } }
class outer { contain inner include other }
include outer
notify { 'after': require => Class['outer'] }
