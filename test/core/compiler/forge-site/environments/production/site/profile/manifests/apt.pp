# Debian package sources.
class profile::apt {
  class { 'apt':
    purge  => { 'sources.list.d' => true },
    update => { 'frequency' => 'daily' },
  }
  apt::source { 'debian-security':
    location => 'http://security.debian.org/debian-security',
    release  => "${facts['os']['distro']['codename']}-security",
    repos    => 'main contrib',
  }
}
