# Compiles one node's catalog with real Puppet 7, in process, and prints
# `catalog.to_data_hash` as JSON, so the builtin compiler's corpus can be
# regenerated from the reference implementation.
#
# Usage: ruby puppet-reference.rb ENVIRONMENTS_DIR ENV NODE FACTS.json \
#          [TRUSTED.json|-] [EXPORTED.json|-] [TIMES]
# Exits 0 with the catalog on stdout, or 1 with {"error": message} on stdout.
# With TIMES > 1 (benchmarks) it compiles TIMES times in one warm process,
# rotating over facts files listed comma-separated in @LISTFILE (each named
# CERTNAME.json), and prints {"catalogs": n, "seconds": s}.
require 'json'
require 'tmpdir'
require 'puppet'

envs_dir, env_name, node_name, facts_arg, trusted_file, exported_file, times = ARGV
times = (times || '1').to_i

scratch = Dir.mktmpdir('troupe-ref')
Puppet.initialize_settings([
  '--environmentpath', File.expand_path(envs_dir),
  '--codedir', scratch, '--vardir', scratch, '--confdir', scratch,
  '--hiera_config', File.join(scratch, 'no-global-hiera.yaml'),
  '--strict', 'warning', '--log_level', 'err',
])
Puppet::Util::Log.newdestination(:console) if ENV['TROUPE_REF_LOG']

# The boundary that cannot run here is PuppetDB: `<<| |>>` collectors ask the
# Resource indirection, so this terminus answers from exported.json instead.
EXPORTED = exported_file && exported_file != '-' ? JSON.parse(File.read(exported_file)) : []
class Puppet::Resource::TroupeExported < Puppet::Indirector::Code
  def search(request)
    scope = request.options[:scope]
    host = request.options[:host]
    type = request.key.to_s
    EXPORTED.select do |r|
      r['certname'] != host && r['type'].downcase == type.downcase && matches?(request.options[:filter], r)
    end.map do |r|
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

  # Collector queries arrive infix: [attr, '==', value] or [left, 'and', right].
  def matches?(q, r)
    return true if q.nil?
    a, op, b = q
    case op
    when 'and' then matches?(a, r) && matches?(b, r)
    when 'or' then matches?(a, r) || matches?(b, r)
    when '==', '!='
      field = a == 'tag' ? r['tags'] : a == 'title' ? r['title'] : r['parameters'][a]
      hit = field.is_a?(Array) ? field.include?(b) : field == b
      op == '==' ? hit : !hit
    else raise "unsupported exported query #{q.inspect}"
    end
  end
end
Puppet[:storeconfigs] = true
Puppet::Resource.indirection.terminus_class = :troupe_exported
Puppet::Resource::Catalog.indirection.cache_class = nil
Puppet::Node::Facts.indirection.cache_class = nil

def node_for(name, env, facts_file, trusted_file)
  facts = JSON.parse(File.read(facts_file))
  node = Puppet::Node.new(name, environment: env, facts: Puppet::Node::Facts.new(name, facts))
  node.merge(facts)
  extra = trusted_file && trusted_file != '-' ? JSON.parse(File.read(trusted_file)) : {}
  trusted = { 'authenticated' => 'remote', 'certname' => name, 'extensions' => {}, 'hostname' => name.split('.').first,
              'domain' => name.split('.')[1..].join('.') }.merge(extra)
  node.trusted_data = trusted
  node.add_server_facts({ 'serverversion' => Puppet.version, 'environment' => env.name.to_s })
  node
end

env = Puppet.lookup(:environments).get!(env_name)
Puppet.override(current_environment: env, loaders: Puppet::Pops::Loaders.new(env)) do
  if times > 1
    facts_files = File.read(facts_arg.delete_prefix('@')).split(',')
    # Warm: the first compile parses and caches the environment's code.
    Puppet::Parser::Compiler.compile(node_for(File.basename(facts_files[0], '.json'), env, facts_files[0], nil))
    start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    times.times do |i|
      f = facts_files[i % facts_files.length]
      Puppet::Parser::Compiler.compile(node_for(File.basename(f, '.json'), env, f, nil))
    end
    puts JSON.generate({ 'catalogs' => times, 'seconds' => Process.clock_gettime(Process::CLOCK_MONOTONIC) - start })
  else
    begin
      catalog = Puppet::Parser::Compiler.compile(node_for(node_name, env, facts_arg, trusted_file))
      puts JSON.pretty_generate(catalog.to_data_hash)
    rescue Puppet::Error, Puppet::ParseError => e
      puts JSON.generate({ 'error' => e.message })
      exit 1
    end
  end
end
