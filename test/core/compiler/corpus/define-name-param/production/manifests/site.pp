define svc($port = 80) { notify { "svc ${title} name=${name} port=${port}": } }
svc { 'web': name => 'nginx', port => 8080 }
svc { 'db': }
Class['NTP_LIKE'] -> Svc['db']
class ntp_like { }
include ntp_like
