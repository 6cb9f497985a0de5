ensure_packages({'a' => {}, 'b' => {'ensure' => 'latest'}}, {'ensure' => 'present', 'tag' => 'x'})
package { 'c': ensure => installed }
ensure_packages(['c'])
