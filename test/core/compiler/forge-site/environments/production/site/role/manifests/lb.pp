# HAProxy load balancer in front of the web tier.
class role::lb {
  include profile::base
  include profile::firewall
  include profile::haproxy
}
