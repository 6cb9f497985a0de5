class app(String $version, Integer $port = 8080, $owner = 'app') {
  notify { "app ${version} on ${port}": }
}
class { 'app': version => '1.2.3', owner => 'svc' }
include app
class monitoring($level = 'basic') { notify { "mon ${level}": } }
class { 'monitoring': }
