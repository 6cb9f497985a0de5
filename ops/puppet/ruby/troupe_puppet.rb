# Real Puppet 7 compiles set up as puppetserver sets them up, shared by the
# reference script (ops/scripts/puppet-reference.rb) and the compile server
# (compile_server.rb), so both build nodes and render catalogs alike.
require 'json'
require 'puppet'

module TroupePuppet
  # Answers `<<| |>>` collectors: ->(type, host, filter) { [PuppetDB-shaped resource hashes] }.
  # PuppetDB is the boundary that cannot run here (see Puppet::Resource::TroupeExported).
  class << self
    attr_accessor :exported_source
  end

  # Puppet's settings for compiling out of ENVS_DIR, with its own state in SCRATCH.
  # `environment_timeout`: '0' re-reads the code per compile, 'unlimited' keeps it until cleared.
  # `basemodulepath`: directories of modules every environment sees after its own modulepath
  # (nil keeps Puppet's default, which on Debian includes /usr/share/puppet/modules).
  def self.initialize_settings(envs_dir, scratch, environment_timeout: '0', basemodulepath: nil)
    base = basemodulepath ? ['--basemodulepath', basemodulepath] : []
    Puppet.initialize_settings([*base,
      '--environmentpath', File.expand_path(envs_dir),
      '--codedir', scratch, '--vardir', scratch, '--confdir', scratch,
      '--hiera_config', File.join(scratch, 'no-global-hiera.yaml'),
      '--strict', 'warning', '--log_level', 'err', '--environment_timeout', environment_timeout,
    ])
    Puppet[:storeconfigs] = true
    Puppet::Resource.indirection.terminus_class = :troupe_exported
    Puppet::Resource::Catalog.indirection.cache_class = nil
    Puppet::Node::Facts.indirection.cache_class = nil
  end

  # The node puppetserver builds: facts as top-scope variables, `$trusted` from the certname
  # (merged with the request's own trusted data), `$server_facts`.
  def self.node(name, env, facts, trusted_extra)
    node = Puppet::Node.new(name, environment: env, facts: Puppet::Node::Facts.new(name, facts))
    node.merge(facts)
    trusted = { 'authenticated' => 'remote', 'certname' => name, 'extensions' => {}, 'hostname' => name.split('.').first,
                'domain' => name.split('.')[1..].join('.') }.merge(trusted_extra || {})
    node.trusted_data = trusted
    node.add_server_facts({ 'serverversion' => Puppet.version, 'environment' => env.name.to_s })
    node
  end

  # Compiles NODE in ENV (environment and loaders in context, as the agent-facing compile has them).
  def self.compile(env, node)
    Puppet.override(current_environment: env, loaders: Puppet::Pops::Loaders.new(env)) do
      Puppet::Parser::Compiler.compile(node)
    end
  end

  # `catalog.to_data_hash` as JSON text, with the environment directory PREFIX in paths
  # replaced (Puppet sees the code through a symlinked environmentpath).
  def self.catalog_json(catalog, prefix, replacement, pretty: false)
    data = catalog.to_data_hash
    (pretty ? JSON.pretty_generate(data) : JSON.generate(data)).gsub(prefix, replacement)
  end

  # Puppet's error as Troupe's CompileErrorInfo: the message as Puppet words it, and where,
  # from the error or the one it wraps (Compiler.compile re-raises with `on node`).
  def self.error_info(error, prefix, replacement)
    located = error
    located = located.cause while located && !(located.respond_to?(:line) && located.line)
    info = { 'message' => error.message.gsub(prefix, replacement) }
    return info unless located
    info['file'] = located.file.gsub(prefix, replacement) if located.file
    info['line'] = located.line
    info['column'] = located.pos if located.pos
    info
  end

  # A PuppetDB resource hash as the parser resource a collector adds to the catalog.
  def self.exported_resource(r, scope)
    res = Puppet::Parser::Resource.new(r['type'], r['title'], scope: scope, source: scope.source)
    r['parameters'].each { |k, v| res[k] = v }
    res.file = r['file']
    res.line = r['line']
    res.exported = true
    res.tag(*r['tags'])
    res.collector_id = "#{r['certname']}|#{r['type']}|#{r['title']}"
    res
  end
end

# `<<| |>>` collectors search the Resource indirection (PuppetDB's terminus in puppetserver);
# this terminus answers from TroupePuppet.exported_source instead.
class Puppet::Resource::TroupeExported < Puppet::Indirector::Code
  def search(request)
    scope = request.options[:scope]
    found = TroupePuppet.exported_source.call(request.key.to_s, request.options[:host], request.options[:filter])
    found.map { |r| TroupePuppet.exported_resource(r, scope) }
  end
end
