import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A compile-bound site for the worker-scaling benchmark, written into
 * `dir`: central policy data in hiera (firewall rules and accounts for the
 * whole estate) that every node filters down to its own share, a common
 * production pattern. Compiling evaluates thousands of lambda calls and
 * yields a modest catalog, so compile time, not catalog size, dominates.
 * `scale` multiplies the estate (rules and accounts) while each node's
 * share, and so its catalog, stays the same size: compile work grows,
 * catalog size does not. Deterministic: the same scale gives the same files.
 */
export function writePolicySite(dir: string, scale = 1): void {
  const rules = 6000 * scale;
  const accounts = 3000 * scale;
  const zones = ['dmz', 'core', 'mgmt'];
  const roles = ['web', 'db', 'app'];
  const groups = ['ops', 'dev', 'dba', 'web', 'sec', 'audit', 'net', 'qa'];
  const ruleYaml = Array.from({ length: rules }, (_, i) => [
    `  - name: rule-${i}`,
    `    zone: ${i % 7 === 0 ? 'any' : zones[i % zones.length]}`,
    `    roles: [${roles.filter((_r, k) => (i >> k) & 1).join(', ') || 'web'}]`,
    `    port: ${1024 + (i * 37) % 60000}`,
    `    proto: ${i % 5 === 0 ? 'udp' : 'tcp'}`,
    `    source: 10.${i % 256}.${(i * 7) % 256}.0/24`,
  ].join('\n')).join('\n');
  const accountYaml = Array.from({ length: accounts }, (_, i) => [
    `  user${i}:`,
    `    uid: ${3000 + i}`,
    `    groups: [${groups.filter((_g, k) => ((i * 5 + k) % 9) < 2).join(', ') || 'qa'}]`,
    `    shell: ${i % 3 ? '/bin/bash' : '/bin/zsh'}`,
  ].join('\n')).join('\n');
  const files: Record<string, string> = {
    'environment.conf': 'modulepath = modules\n',
    'hiera.yaml': '---\nversion: 5\ndefaults:\n  datadir: data\n  data_hash: yaml_data\nhierarchy:\n  - name: "Common data"\n    path: "common.yaml"\n',
    'data/common.yaml': `---\npolicy::rules:\n${ruleYaml}\npolicy::accounts:\n${accountYaml}\npolicy::role_groups:\n  web: [ops, web, sec]\n  db: [ops, dba, audit]\n  app: [ops, dev, qa]\n`,
    'manifests/site.pp': 'node default {\n  include policy\n}\n',
    'modules/policy/manifests/init.pp': `# Each node takes its share of the estate-wide policy. The data is looked
# up in the body, not taken as class parameters, which would copy all of
# it into every catalog's Class[Policy].
class policy {
  $rules = lookup('policy::rules', Array[Hash])
  $accounts = lookup('policy::accounts', Hash[String, Hash])
  $role_groups = lookup('policy::role_groups', Hash[String, Array[String]])
  $role = $trusted['certname'] ? {
    /^web/  => 'web',
    /^db/   => 'db',
    default => 'app',
  }
  $zone = $facts['virtual'] ? {
    'physical' => 'core',
    default    => $facts['networking']['ip'] =~ /^10\\.0\\./ ? { true => 'dmz', default => 'mgmt' },
  }
  $mine = $rules.filter |Hash $r| {
    $role in $r['roles'] and ($r['zone'] == 'any' or $r['zone'] == $zone) and $r['port'] % ${16 * scale} == $facts['processors']['count'] % ${16 * scale}
  }
  $mine.each |Hash $r| {
    policy::rule { $r['name']:
      port   => $r['port'],
      proto  => $r['proto'],
      source => $r['source'],
    }
  }
  $wanted = $role_groups[$role]
  $users = $accounts.filter |String $login, Hash $a| {
    !($a['groups'].filter |String $g| { $g in $wanted }).empty and $a['uid'] % ${32 * scale} == $facts['processors']['count'] % ${32 * scale}
  }
  $users.each |String $login, Hash $a| {
    user { $login:
      ensure => present,
      uid    => $a['uid'],
      shell  => $a['shell'],
      groups => $a['groups'].filter |String $g| { $g in $wanted },
    }
  }
  file { '/etc/firewall.d':
    ensure  => directory,
    purge   => true,
    recurse => true,
  }
}
`,
    'modules/policy/manifests/rule.pp': `# One allowed flow, as a firewall fragment.
define policy::rule (
  Integer[1, 65535] $port,
  Enum['tcp', 'udp'] $proto,
  String $source,
) {
  file { "/etc/firewall.d/\${title}.rule":
    ensure  => file,
    content => "allow \${proto} from \${source} to port \${port}\\n",
    require => File['/etc/firewall.d'],
  }
}
`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
