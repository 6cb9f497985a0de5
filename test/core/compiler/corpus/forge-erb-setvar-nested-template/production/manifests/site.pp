# Ruby in puppetlabs-apache's vhost/_directories.erb: scope.setvar, a Hash changed through scope.lookupvar and read by a nested template (_require.erb).
class { 'web': dirs => [{ 'path' => '/a', 'require' => 'all granted' }, { 'path' => '/b', 'require' => { 'enforce' => 'any', 'requires' => ['ip 1', 'ip 2'] } }, { 'path' => '/c' }] }
