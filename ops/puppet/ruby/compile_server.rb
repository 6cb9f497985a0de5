# A long-lived real-Puppet compile process for Troupe's `puppet` backend
# (ops/puppet/puppet.compiler.ts; protocol in docs/compiler.md). Frames are
# newline-delimited JSON (JSON text never holds a raw newline): requests on
# stdin, answers on stdout, one compile at a time, in the order they came;
# Troupe may send the next compile before this one is answered, so that
# Ruby never waits for Node between compiles. Fd 1 is pointed at stderr
# once the frame stream is saved, so Puppet's logs and whatever Ruby code
# prints cannot corrupt the frames.
#
# Usage: ruby compile_server.rb ENVIRONMENTS_DIR SCRATCH_DIR CODE_DIR   (CODE_DIR '' when ENVIRONMENTS_DIR is the real one)
#        ruby compile_server.rb --check      (prints Puppet's version, exits)
require_relative 'troupe_puppet'

if ARGV == ['--check']
  puts Puppet.version
  exit 0
end

FRAMES = $stdout.dup
FRAMES.sync = true
FRAMES.binmode
$stdout.reopen($stderr)
ENVS_DIR, SCRATCH, CODE_DIR = ARGV

def send_frame(frame)
  FRAMES.write(JSON.generate(frame) << "\n")
end

# A process whose parent died (Troupe killed) stops too, even inside a hung compile.
Thread.new do
  parent = Process.ppid
  loop do
    sleep 1
    exit!(1) if Process.ppid != parent
  end
end

# Puppet's collector query ([attr, '==', v] / [left, 'and', right], infix) as Troupe's ResourceFilter.
def resource_filter(q)
  return nil if q.nil?
  left, op, right = q
  case op
  when 'and', 'or' then { 'op' => op, 'left' => resource_filter(left), 'right' => resource_filter(right) }
  when '==', '!=' then { 'op' => op, 'attribute' => left, 'value' => right }
  else raise Puppet::Error, "unsupported exported resource query #{q.inspect}"
  end
end

# Frames read while waiting for an exported-resources answer (the next compile,
# sent ahead): handled, in order, once the current compile is done.
PENDING = []

def next_frame
  return PENDING.shift unless PENDING.empty?
  line = $stdin.gets
  line && JSON.parse(line)
end

# Exported resources are asked of Troupe (its storeconfigs) mid-compile, in the compile's own frame id.
def exported_lookup(id)
  lambda do |type, host, filter|
    query = { 'type' => type.split('::').map(&:capitalize).join('::'), 'excludeCertname' => host }
    query['filter'] = resource_filter(filter) if filter
    send_frame({ 'id' => id, 'type' => 'find_exported', 'query' => query })
    reply = nil
    loop do
      reply = JSON.parse($stdin.gets || raise(Puppet::Error, 'Troupe closed the pipe'))
      break if reply['id'] == id && %w[exported exported_failed].include?(reply['type'])
      PENDING << reply
    end
    raise Puppet::Error, "exported resources: #{reply['message']}" if reply['type'] != 'exported'
    reply['resources']
  end
end

# Code versions compiled side by side (a staged rollout's copies): one environment loader per
# version's environmentpath (`<path>/<environment>` links to the version's directory), kept
# until Troupe invalidates it. Troupe bounds the versions it sends (MAX_CODE_VERSIONS in
# puppet.compiler.ts); this bound only guards against a runaway: past it the oldest loader
# is dropped and made again when next used.
VERSION_LOADERS = {}
MAX_VERSION_LOADERS = 64

def version_loader(path)
  loader = VERSION_LOADERS.delete(path) ||
           Puppet::Environments::Cached.new(Puppet::Environments::Directories.new(path, Puppet::Node::Environment.split_path(Puppet[:basemodulepath])))
  VERSION_LOADERS[path] = loader
  VERSION_LOADERS.shift if VERSION_LOADERS.size > MAX_VERSION_LOADERS
  loader
end

def compile(req)
  id = req['id']
  envs_dir = req['environmentpath'] || ENVS_DIR
  prefix = File.join(envs_dir, req['environment']) + '/'
  # Paths go back under the code's own directory (Puppet saw it through a symlink), or stay as they are (a real environmentpath).
  code_dir = req['codeDir'] || CODE_DIR
  replacement = code_dir.empty? ? prefix : code_dir + '/'
  TroupePuppet.exported_source = exported_lookup(id)
  loader = req['environmentpath'] ? version_loader(envs_dir) : Puppet.lookup(:environments)
  # A version's environment reads its environment.conf through the loader in context.
  Puppet.override(environments: loader) do
    env = loader.get!(req['environment'])
    catalog = TroupePuppet.compile(env, TroupePuppet.node(req['certname'], env, req['facts'], req['trusted']))
    # The catalog's JSON is spliced in, not parsed and generated again.
    FRAMES.write(%({"id":#{id},"type":"catalog","catalog":#{TroupePuppet.catalog_json(catalog, prefix, replacement)}}\n))
  end
rescue StandardError, ScriptError, SystemStackError => e
  send_frame({ 'id' => id, 'type' => 'error', 'error' => TroupePuppet.error_info(e, prefix, replacement) })
end

def invalidate(req)
  if req['environmentpath'] then VERSION_LOADERS.delete(req['environmentpath'])
  else Puppet.lookup(:environments).clear(req['environment'])
  end
end

# Loaded environments stay (environment_timeout unlimited) until Troupe says the code changed.
# An empty basemodulepath, as the built-in's: modules installed on the machine
# (Debian's puppet-module-* in /usr/share/puppet/modules) would otherwise be
# seen by every environment here and by none in the built-in.
TroupePuppet.initialize_settings(ENVS_DIR, SCRATCH, environment_timeout: 'unlimited', basemodulepath: File.join(SCRATCH, 'modules'))
Puppet[:color] = false
Puppet::Util::Log.newdestination(:console)
send_frame({ 'type' => 'ready', 'pid' => Process.pid, 'puppet' => Puppet.version })
while (req = next_frame)
  case req['type']
  when 'compile' then compile(req)
  when 'invalidate' then invalidate(req)
  end
end
