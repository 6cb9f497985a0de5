# saz-memcached's memcached::max_memory (a share of the memorysize fact, or megabytes) and saz-ssh's ipaddresses().
notify { 'percent': message => memcached::max_memory('70%') }
notify { 'default': message => memcached::max_memory(undef) }
notify { 'megabytes': message => memcached::max_memory('1024m') }
notify { 'integer': message => memcached::max_memory(512) }
notify { 'ips': message => ipaddresses() }
class probe { $interfaces = 'eth9,lo'; $ipaddress_eth9 = '192.0.2.9'; notify { 'scoped': message => ipaddresses() } }
include probe
