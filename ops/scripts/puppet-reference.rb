# Compiles one node's catalog with real Puppet 7, in process, and prints
# `catalog.to_data_hash` as JSON, so the builtin compiler's corpus can be
# regenerated from the reference implementation.
#
# Usage: ruby puppet-reference.rb ENVIRONMENTS_DIR ENV NODE FACTS.json \
#          [TRUSTED.json|-] [EXPORTED.json|-] [1|rounds] [BASEMODULEPATH]
# Exits 0 with the catalog on stdout, or 1 with {"error": message} on stdout.
# File paths in the output are relative to the environment directory.
# Mode `1` (the default) compiles NODE once. With `rounds` (benchmarks) it is
# one warm process compiling in rounds, rotating over the facts files listed
# comma-separated in @LISTFILE (each named CERTNAME.json; NODE is `-`):
# after one untimed compile it prints `ready`, then
# for each line N on stdin compiles N catalogs and prints
# {"catalogs": N, "seconds": wall, "cpu_seconds": its own CPU}, until end of
# input. The bench interleaves these rounds with the other compilers', so
# all see the machine alike.
# BASEMODULEPATH (default: none) holds modules every environment sees, such as
# the corpus's shared modules; Puppet's own default (Debian's
# /usr/share/puppet/modules) is never used, so installed modules do not leak in.
require 'fileutils'
require 'tmpdir'
require_relative '../puppet/ruby/troupe_puppet'

envs_dir, env_name, node_name, facts_arg, trusted_file, exported_file, mode, basemodulepath = ARGV
given = ->(f) { f && f != '-' ? JSON.parse(File.read(f)) : nil }

scratch = Dir.mktmpdir('troupe-ref')
at_exit { FileUtils.remove_entry(scratch) }
TroupePuppet.initialize_settings(envs_dir, scratch, basemodulepath: basemodulepath || File.join(scratch, 'modules'))
Puppet::Util::Log.newdestination(:console) if ENV['TROUPE_REF_LOG']

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

exported = given.(exported_file) || []
TroupePuppet.exported_source = lambda do |type, host, filter|
  exported.select { |r| r['certname'] != host && r['type'].downcase == type.downcase && matches?(filter, r) }
end

env = Puppet.lookup(:environments).get!(env_name)
prefix = File.join(File.expand_path(envs_dir), env_name) + '/'
node_for = ->(name, facts_file, trusted) { TroupePuppet.node(name, env, JSON.parse(File.read(facts_file)), trusted) }
if mode == 'rounds'
  facts_files = File.read(facts_arg.delete_prefix('@')).split(',')
  # Warm: the first compile parses and caches the environment's code.
  TroupePuppet.compile(env, node_for.(File.basename(facts_files[0], '.json'), facts_files[0], nil))
  $stdout.sync = true
  puts 'ready'
  clock = ->(id) { Process.clock_gettime(id) }
  done = 0
  $stdin.each_line do |line|
    n = line.to_i
    wall = clock.(Process::CLOCK_MONOTONIC)
    cpu = clock.(Process::CLOCK_PROCESS_CPUTIME_ID)
    n.times do
      f = facts_files[done % facts_files.length]
      done += 1
      TroupePuppet.compile(env, node_for.(File.basename(f, '.json'), f, nil))
    end
    puts JSON.generate({ 'catalogs' => n, 'seconds' => clock.(Process::CLOCK_MONOTONIC) - wall,
                         'cpu_seconds' => clock.(Process::CLOCK_PROCESS_CPUTIME_ID) - cpu })
  end
else
  begin
    catalog = TroupePuppet.compile(env, node_for.(node_name, facts_arg, given.(trusted_file)))
    puts TroupePuppet.catalog_json(catalog, prefix, '', pretty: true)
  rescue Puppet::Error, Puppet::ParseError => e
    puts JSON.generate({ 'error' => TroupePuppet.error_info(e, prefix, '')['message'] })
    exit 1
  end
end
