import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packageRoot } from '../../../ops/config/package-root.js';
import { startPypuppetdbServer, type PypuppetdbServer } from '../../support/pypuppetdb/pypuppetdb.fixture.js';

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
  let server: PypuppetdbServer | undefined;
  before(async () => {
    server = await startPypuppetdbServer();
    for (const body of REPORTS) await server.command('store_report', 8, body);
    // A real agent's report (format 12), through the agent's own door.
    const agentReport = readFileSync(join(packageRoot(), 'test/support/puppet/puppet-report.format12.json'), 'utf8');
    const res = await fetch(`${server.serve.url}/puppet/v3/report/agent1.example.com?environment=production`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: agentReport,
    });
    assert.equal(res.status, 200, await res.text());
    await server.projected('/pdb/query/v4/reports', 4, 'the four reports projected');
  });
  after(async () => { await server?.stop(); });

  it('answers reports(), node.reports(), report.events(), events(), event_counts() and aggregate_event_counts()', { timeout: 60_000 }, async () => {
    const got = await server!.python('pypuppetdb-reports-client.py', 'web1.example.com') as Obj;
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
