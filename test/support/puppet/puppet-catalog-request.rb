# Prints the body a real Puppet agent POSTs to /puppet/v3/catalog/<certname>,
# built by Puppet's own Puppet::HTTP::Service::Compiler#post_catalog.
# Usage: ruby puppet-catalog-request.rb CERTNAME ENVIRONMENT < facts-values.json
require 'json'
require 'tmpdir'
require 'puppet'

certname, environment = ARGV
Dir.mktmpdir do |dir|
  Puppet.initialize_settings(%w[confdir vardir codedir logdir rundir].flat_map { |s| ["--#{s}", File.join(dir, s)] })
  facts = Puppet::Node::Facts.new(certname, JSON.parse($stdin.read))
  # Stands in for the HTTP client: records the request and stops there.
  recorder = Object.new
  def recorder.post(_url, body, headers:, params:)
    $stdout.write(body)
    exit 0
  end
  service = Puppet::HTTP::Service::Compiler.new(recorder, nil, 'troupe.invalid', 8140)
  service.post_catalog(certname, facts: facts, environment: environment, transaction_uuid: '7a3a8cb3-2a9e-4b5f-9f3f-0c6c3b1e8f00')
end
