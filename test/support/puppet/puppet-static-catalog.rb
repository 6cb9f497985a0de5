# Loads a catalog JSON with Puppet's own Puppet::Resource::Catalog.from_data_hash
# and prints what Puppet made of its inlined file metadata (serialized again
# with to_data_hash), and the content of each inlined single file as a
# `puppet agent` fetches it: Puppet's File type (source.rb, each_chunk_from)
# asking its file server service, pointed at BASE_URL (plain HTTP: agents
# need HTTPS for a server, the request is the same).
# Usage: ruby puppet-static-catalog.rb BASE_URL < catalog.json
require 'json'
require 'tmpdir'
require 'puppet'

base_url = ARGV.fetch(0)
Dir.mktmpdir do |dir|
  Puppet.initialize_settings(%w[confdir vardir codedir logdir rundir].flat_map { |s| ["--#{s}", File.join(dir, s)] })
  # As `puppet agent` runs: content comes over the network, not from local disk (`puppet apply`).
  Puppet[:default_file_terminus] = :rest
  catalog = Puppet::Resource::Catalog.from_data_hash(JSON.parse($stdin.read))
  data = catalog.to_data_hash

  session = Object.new
  session.define_singleton_method(:process_response) { |_response| nil }
  service = Puppet::HTTP::Service::FileServer.new(Puppet.runtime[:http], session, 'troupe.invalid', 8140)
  service.instance_variable_set(:@url, URI("#{base_url}/puppet/v3"))
  session.define_singleton_method(:route_to) { |_name, url: nil| service }
  requests = []
  service.singleton_class.prepend(Module.new do
    define_method(:get_static_file_content) { |**args, &block| requests << ['static_file_content', args]; super(**args, &block) }
    define_method(:get_file_content) { |**args, &block| requests << ['file_content', args]; super(**args, &block) }
  end)

  ral = catalog.to_ral
  content = Puppet.override(http_session: session) do
    catalog.metadata.keys.to_h do |title|
      body = +''
      ral.resource('File', title).parameter(:source).send(:each_chunk_from) { |chunk| body << chunk }
      [title, body]
    rescue StandardError => e
      [title, { 'error' => e.message }]
    end
  end

  $stdout.write(JSON.generate(
    'code_id' => catalog.code_id,
    'metadata' => data['metadata'] || {},
    'recursive_metadata' => data['recursive_metadata'] || {},
    'content' => content,
    'requests' => requests
  ))
end
