# Prints a certificate request made by Puppet's own agent code
# (Puppet::SSL::CertificateRequest), as `puppet ssl bootstrap` makes it.
# usage: ruby puppet-csr.rb CERTNAME [DNS_ALT_NAMES] [OID=VALUE …]
require 'puppet'
require 'puppet/ssl'
require 'tmpdir'

Dir.mktmpdir do |dir|
  Puppet.initialize_settings(['--confdir', dir, '--vardir', dir, '--ssldir', dir])
  Puppet::SSL::Oids.register_puppet_oids
  certname, alt_names, *extensions = ARGV
  key = OpenSSL::PKey::RSA.new(2048)
  request = Puppet::SSL::CertificateRequest.new(certname)
  request.generate(key, dns_alt_names: alt_names.to_s, extension_requests: extensions.to_h { |e| e.split('=', 2) })
  puts request.to_s
end
