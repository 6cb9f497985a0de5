// The fixture fleet the query conformance corpus is recorded on: PuppetDB
// commands (replace_facts v5, replace_catalog v9, store_report v8,
// deactivate_node v3) with fixed timestamps in the past, posted in this order
// to a real PuppetDB by pdb-reference.mjs and to Troupe by the conformance test.

const at = (day, hh, mm = 0) => `2026-01-0${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00.000Z`;
const PRODUCER = 'puppet.example.com';

function facts(certname, environment, timestamp, values, producer = PRODUCER) {
  return { command: 'replace_facts', version: 5, payload: { certname, environment, producer_timestamp: timestamp, producer, values } };
}

const res = (type, title, opts = {}) => ({
  type, title, exported: opts.exported ?? false, tags: opts.tags ?? [type.toLowerCase()],
  file: opts.file ?? '/etc/puppetlabs/code/environments/production/manifests/site.pp', line: opts.line ?? 1, parameters: opts.parameters ?? {},
});
const edge = (source, target, relationship = 'contains') => ({
  source: { type: source[0], title: source[1] }, target: { type: target[0], title: target[1] }, relationship,
});

function catalog(certname, environment, timestamp, resources, edges, producer = PRODUCER) {
  return {
    command: 'replace_catalog', version: 9,
    payload: {
      certname, environment, version: '1767225600', producer_timestamp: timestamp, producer, code_id: null, job_id: null,
      transaction_uuid: `00000000-0000-4000-8000-${certname.length.toString().padStart(12, '0')}`,
      catalog_uuid: `11111111-0000-4000-8000-${certname.length.toString().padStart(12, '0')}`,
      resources, edges,
    },
  };
}

const event = (status, timestamp, property, old_value, new_value, message, corrective_change = false) =>
  ({ status, timestamp, property, old_value, new_value, name: property === null ? null : `${property}_changed`, message, corrective_change });
const reportResource = (type, title, timestamp, events, skipped = false) => ({
  resource_type: type, resource_title: title, skipped, timestamp, file: '/etc/puppetlabs/code/environments/production/manifests/site.pp', line: 3,
  containment_path: ['Stage[main]', 'Main', `${type}[${title}]`], corrective_change: events.some((e) => e.corrective_change), events,
});

function report(certname, environment, start, end, status, resources, opts = {}) {
  return {
    command: 'store_report', version: 8,
    payload: {
      certname, environment, puppet_version: '7.23.0', report_format: 12, configuration_version: '1767225600',
      start_time: start, end_time: end, producer_timestamp: end, producer: PRODUCER, type: 'agent',
      transaction_uuid: opts.transaction_uuid ?? `22222222-0000-4000-8000-${end.slice(11, 13)}${end.slice(14, 16)}00000000`,
      catalog_uuid: null, code_id: null, job_id: null, cached_catalog_status: 'not_used',
      status, noop: opts.noop ?? false, noop_pending: opts.noop_pending ?? false, corrective_change: opts.corrective_change ?? false,
      resources,
      metrics: [
        { category: 'resources', name: 'total', value: resources.length + 3 },
        { category: 'time', name: 'total', value: 1.5 },
        { category: 'events', name: 'failure', value: resources.flatMap((r) => r.events).filter((e) => e.status === 'failure').length },
      ],
      logs: [{ file: null, line: null, level: status === 'failed' ? 'err' : 'notice', message: `Applied catalog (${status})`, source: 'Puppet', tags: ['notice'], time: end }],
    },
  };
}

const nginx = (certname, port) => [
  res('Class', 'main', { tags: ['class'] }), res('Class', 'Nginx', { tags: ['class', 'nginx'], line: 2 }),
  res('File', '/etc/nginx/nginx.conf', { tags: ['file', 'nginx', 'class'], line: 10, parameters: { ensure: 'file', mode: '0644', owner: 'root' } }),
  res('Service', 'nginx', { tags: ['service', 'nginx', 'class'], line: 20, parameters: { ensure: 'running', enable: true } }),
  res('Nagios_host', certname, { exported: true, tags: ['nagios_host', 'nginx', 'monitoring'], line: 30, parameters: { address: `${certname}`, port, use: 'generic-host' } }),
];
const nginxEdges = [
  edge(['Class', 'main'], ['Class', 'Nginx']), edge(['Class', 'Nginx'], ['File', '/etc/nginx/nginx.conf']),
  edge(['Class', 'Nginx'], ['Service', 'nginx']), edge(['File', '/etc/nginx/nginx.conf'], ['Service', 'nginx'], 'notifies'),
];

export const FLEET = [
  facts('web1.example.com', 'production', at(1, 10), {
    os: { family: 'Debian', name: 'Debian', release: { major: '12', full: '12.5' } }, kernel: 'Linux', uptime_days: 40, is_virtual: true,
    memory_gb: 3.5, processors: { count: 4, models: ['Xeon A', 'Xeon B'] }, role: 'web', datacenter: 'a', customer: 'acmeinc',
    networking: { interfaces: { eth0: { ip: '10.0.0.1', mtu: 1500 } } }, trusted: { certname: 'web1.example.com', extensions: { pp_role: 'web' } },
  }),
  facts('web2.example.com', 'production', at(1, 11), {
    os: { family: 'Debian', name: 'Debian', release: { major: '11', full: '11.9' } }, kernel: 'Linux', uptime_days: 10, is_virtual: false,
    memory_gb: 8, processors: { count: 2, models: ['Xeon A'] }, role: 'web', datacenter: 'b', customer: 'acmeinc',
    networking: { interfaces: { eth0: { ip: '10.0.0.2', mtu: 9000 } } }, trusted: { certname: 'web2.example.com', extensions: { pp_role: 'web' } },
  }),
  facts('db1.example.com', 'dev', at(1, 12), {
    os: { family: 'RedHat', name: 'Rocky', release: { major: '9', full: '9.3' } }, kernel: 'Linux', uptime_days: 100, is_virtual: true,
    memory_gb: 64, processors: { count: 16, models: ['Epyc'] }, role: 'db', datacenter: 'a', customer: 'globex', ssd: null,
    networking: { interfaces: { eth0: { ip: '10.0.1.1', mtu: 1500 }, eth1: { ip: '10.0.1.2', mtu: 1500 } } }, trusted: { certname: 'db1.example.com', extensions: { pp_role: 'db' } },
  }, 'other.example.com'),
  facts('lonely.example.com', 'production', at(1, 13), { kernel: 'windows', uptime_days: 2, os: { family: 'windows' }, role: 'desktop' }),
  facts('gone.example.com', 'production', at(1, 9), { kernel: 'Linux', uptime_days: 1, os: { family: 'Debian' }, role: 'web' }),
  catalog('web1.example.com', 'production', at(1, 10, 1), nginx('web1.example.com', 80), nginxEdges),
  catalog('web2.example.com', 'production', at(1, 11, 1), nginx('web2.example.com', 8080), nginxEdges),
  catalog('db1.example.com', 'dev', at(1, 12, 1), [
    res('Class', 'main', { tags: ['class'] }), res('Class', 'Postgresql', { tags: ['class', 'postgresql'] }),
    res('Package', 'postgresql-15', { tags: ['package', 'postgresql', 'class'], line: 5, parameters: { ensure: 'installed' } }),
    res('Nagios_host', 'db1.example.com', { exported: true, tags: ['nagios_host', 'postgresql', 'monitoring'], parameters: { address: 'db1.example.com', port: 5432 } }),
  ], [edge(['Class', 'main'], ['Class', 'Postgresql']), edge(['Class', 'Postgresql'], ['Package', 'postgresql-15']),
    edge(['Package', 'postgresql-15'], ['Class', 'main'], 'before')], 'other.example.com'),
  catalog('gone.example.com', 'production', at(1, 9, 1), [res('Class', 'main', { tags: ['class'] }),
    res('Nagios_host', 'gone.example.com', { exported: true, tags: ['nagios_host'], parameters: { address: 'gone.example.com', port: 80 } })], []),
  report('web1.example.com', 'production', at(1, 10, 2), at(1, 10, 3), 'unchanged', [], {}),
  report('web1.example.com', 'production', at(1, 10, 30), at(1, 10, 31), 'changed', [
    reportResource('File', '/etc/nginx/nginx.conf', at(1, 10, 30), [event('success', at(1, 10, 30), 'mode', '0600', '0644', "mode changed '0600' to '0644'", true)]),
    reportResource('Service', 'nginx', at(1, 10, 31), [event('success', at(1, 10, 31), 'ensure', 'stopped', 'running', "ensure changed 'stopped' to 'running'")]),
  ], { corrective_change: true }),
  report('web2.example.com', 'production', at(1, 11, 2), at(1, 11, 3), 'failed', [
    reportResource('File', '/etc/nginx/nginx.conf', at(1, 11, 2), [event('failure', at(1, 11, 2), 'content', '{md5}aaa', '{md5}bbb', 'change from {md5}aaa to {md5}bbb failed')]),
    reportResource('Service', 'nginx', at(1, 11, 3), [event('skipped', at(1, 11, 3), null, null, null, 'Skipped because of failed dependencies')], true),
  ]),
  report('db1.example.com', 'dev', at(1, 12, 2), at(1, 12, 3), 'unchanged', [
    reportResource('Package', 'postgresql-15', at(1, 12, 2), [event('noop', at(1, 12, 2), 'ensure', 'absent', 'installed', 'current_value absent, should be installed (noop)')]),
  ], { noop: true, noop_pending: true }),
  // PuppetDB counts a node active again when its facts or catalog were received
  // after the deactivation; its receipt times are the recording's, so the
  // deactivation is dated after any recording.
  { command: 'deactivate_node', version: 3, payload: { certname: 'gone.example.com', producer_timestamp: '2036-01-01T00:00:00.000Z' } },
];
