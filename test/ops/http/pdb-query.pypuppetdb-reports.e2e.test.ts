import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { packageRoot } from '../../../ops/config/package-root.js';
import { eventually } from '../../support/eventually.js';
import { spawnServe, type ServeProcess } from '../../support/serve-process.js';

/** Debian's Python, where `apt-get install python3-pypuppetdb` puts the library. */
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

/** Fails (never skips) when pypuppetdb is missing: CI must install it. */
async function requirePypuppetdb(): Promise<void> {
  const missing = 'pypuppetdb is not installed: apt-get install -y python3-pypuppetdb (Debian\'s package, for /usr/bin/python3)';
  if (!existsSync(PYTHON)) assert.fail(missing);
  try {
    await run(PYTHON, ['-c', 'import pypuppetdb']);
  } catch {
    assert.fail(missing);
  }
}

type Obj = Record<string, unknown>;
const at = (hour: number, minute = 0) => `2026-01-01T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

const event = (status: string, time: string, property = 'ensure', extra: Obj = {}): Obj => ({
  status, timestamp: time, name: `${property}_changed`, property, new_value: 'file', old_value: 'absent',
  corrective_change: false, message: `${property} ${status}`, ...extra,
});
const resource = (type: string, title: string, klass: string, time: string, events: Obj[], extra: Obj = {}): Obj => ({
  skipped: false, timestamp: time, resource_type: type, resource_title: title, file: '/etc/puppet/code/site.pp', line: 3,
  containment_path: ['Stage[main]', klass, `${type}[${title}]`], corrective_change: false, events, ...extra,
});

/** A store_report v8 command as Debian's puppet-terminus-puppetdb sends it. */
function storeReport(certname: string, hour: number, status: string, resources: Obj[], extra: Obj = {}): Obj {
  const start = at(hour);
  return {
    certname, environment: 'production', puppet_version: '7.23.0', report_format: 12, configuration_version: `v${hour}`,
    producer_timestamp: at(hour, 1), start_time: start, end_time: at(hour, 0).replace(':00.000Z', ':05.000Z'),
    transaction_uuid: `00000000-0000-4000-8000-0000000000${String(hour).padStart(2, '0')}`, catalog_uuid: null, code_id: null, job_id: null,
    cached_catalog_status: 'not_used', status, noop: false, noop_pending: false, corrective_change: false, producer: 'puppet.example.com',
    metrics: [{ category: 'time', name: 'total', value: 5 }, { category: 'resources', name: 'total', value: resources.length }],
    logs: [{ file: null, line: null, level: 'notice', message: `run at ${hour}`, source: 'Puppet', tags: ['notice'], time: start }],
    resources, ...extra,
  };
}

const REPORTS: Obj[] = [
  storeReport('web1.example.com', 8, 'failed', [
    resource('File', '/etc/motd', 'Motd', at(8), [event('failure', at(8), 'content')]),
    resource('Package', 'nginx', 'Nginx', at(8), [event('success', at(8))]),
  ]),
  storeReport('web1.example.com', 9, 'unchanged', [
    resource('Service', 'nginx', 'Nginx', at(9), [event('noop', at(9))]),
    resource('Exec', 'reload', 'Nginx', at(9), [], { skipped: true }),
  ], { noop_pending: true }),
  storeReport('db1.example.com', 10, 'changed', [resource('File', '/etc/db.conf', 'Db', at(10), [event('success', at(10))])]),
];

describe('pypuppetdb reports, events and event-counts against troupe serve', () => {
  let serve: ServeProcess | undefined;
  let dataDir: string;
  before(async () => {
    await requirePypuppetdb();
    dataDir = mkdtempSync(join(tmpdir(), 'troupe-pypdb-reports-'));
    serve = await spawnServe(['--data-dir', dataDir]);
    for (const body of REPORTS) {
      const res: Response = await fetch(`${serve.url}/pdb/cmd/v1?command=store_report&version=8`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      assert.equal(res.status, 200, await res.text());
    }
    // A real agent's report (format 12), through the agent's own door.
    const agentReport = readFileSync(join(packageRoot(), 'test/support/puppet-report.format12.json'), 'utf8');
    const res = await fetch(`${serve.url}/puppet/v3/report/agent1.example.com?environment=production`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: agentReport,
    });
    assert.equal(res.status, 200, await res.text());
    await eventually(async () => {
      const r = await fetch(`${serve!.url}/pdb/query/v4/reports`);
      return r.ok && (await r.json() as unknown[]).length === 4;
    }, 15_000, 'the four reports projected');
  });
  after(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers reports(), node.reports(), report.events(), events(), event_counts() and aggregate_event_counts()', { timeout: 60_000 }, async () => {
    const { hostname, port } = new URL(serve!.url);
    const script = join(packageRoot(), 'test/support/pypuppetdb-reports-client.py');
    const { stdout } = await run(PYTHON, [script, hostname, port, 'web1.example.com'], { timeout: 50_000 });
    const got = JSON.parse(stdout) as Obj;
    assert.deepEqual(got['reports'], [
      ['agent1.example.com', 'changed', '1795967506', 12, 40],
      ['db1.example.com', 'changed', 'v10', 12, 40],
      ['web1.example.com', 'failed', 'v8', 12, 40],
      ['web1.example.com', 'unchanged', 'v9', 12, 40],
    ]);
    assert.deepEqual(got['node_reports'], [
      ['unchanged', '7.23.0', '00000000-0000-4000-8000-000000000009'], ['failed', '7.23.0', '00000000-0000-4000-8000-000000000008'],
    ]);
    assert.deepEqual(got['latest_metrics'], [['resources', 'total', 2], ['time', 'total', 5]]);
    assert.deepEqual(got['latest_logs'], ['run at 9']);
    assert.deepEqual(got['older_events'], [
      ['File', '/etc/motd', 'failure', 'Motd', 'absent', 'file'], ['Package', 'nginx', 'success', 'Nginx', 'absent', 'file'],
    ]);
    assert.deepEqual(got['latest_events'], [
      ['Exec', 'reload', 'skipped', 'Nginx', null, null], ['Service', 'nginx', 'noop', 'Nginx', 'absent', 'file'],
    ]);
    assert.deepEqual(got['failures'], [['web1.example.com', '/etc/motd']]);
    assert.deepEqual(got['counts_by_certname'], [
      ['agent1.example.com', 0, 4, 0, 0], ['db1.example.com', 0, 1, 0, 0], ['web1.example.com', 0, 0, 1, 1],
    ]);
    assert.deepEqual(got['counts_by_class'], [['Db', 1], ['Demo', 3], ['Main', 1], ['Motd', 0], ['Nginx', 1]]);
    assert.deepEqual(got['counts_by_resource_filtered'], [['File', '/etc/motd']]);
    assert.deepEqual(got['aggregate'], [{ summarize_by: 'certname', successes: 3, failures: 1, noops: 1, skips: 1, total: 3 }]);
    // Puppetboard's node status: the latest report's status (web1's failed run is no longer the latest).
    assert.deepEqual(got['node_status'], [
      ['agent1.example.com', 'changed'], ['db1.example.com', 'changed'], ['web1.example.com', 'unchanged'],
    ]);
  });
});
