import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePuppetReport } from '../../../core/wire/puppet-report.decoder.js';
import { puppetAgentReport } from '../../support/puppet/puppet-agent.fixture.js';

const NOW = '2026-11-29T16:00:00.000Z';
const ctx = { id: 'e1', now: NOW, meta: { source: 'http' as const } };

describe('Puppet report decoder', () => {
  it("turns a real agent's report (format 12) into the report_submitted event store_report v8 makes", () => {
    const report = puppetAgentReport();
    const r = decodePuppetReport({ certname: 'agent1.example.com', body: report }, ctx);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const e = r.value;
    assert.equal(e.type, 'report_submitted');
    assert.equal(e.stream, 'agent1.example.com');
    assert.equal(e.time, NOW);
    const { body, ...data } = e.data;
    assert.deepEqual(data, {
      environment: 'production', producerTimestamp: NOW, status: 'changed', noop: false, configurationVersion: '1795967506',
      transactionUuid: report['transaction_uuid'], catalogUuid: report['catalog_uuid'],
      startTime: '2026-11-29T15:51:45.049Z', endTime: '2026-11-29T15:51:46.194Z', puppetVersion: '7.23.0',
    });
    // Changed or skipped resources only, as PuppetDB keeps them by default; events with text values.
    const resources = body['resources'] as Array<{ resource_title: string; events: Array<Record<string, unknown>> }>;
    assert.deepEqual(resources.map((x) => x.resource_title), ['/tmp/v3work/agent-out/demo.txt', '/tmp/v3work/agent-out/tree', '/tmp/v3work/agent-out/tree/nested.txt', 'trusted: agent1.example.com ']);
    assert.deepEqual(resources[0]!.events[0], {
      status: 'success', timestamp: '2026-11-29T15:51:46.172Z', name: 'file_created', property: 'ensure', new_value: 'file', old_value: 'absent',
      corrective_change: false, message: "defined content as '{sha256}3e60e731781bab195e7e2e98b6a391065c5563f45e8afa5c688449cdb6e8cf57'",
    });
    const metrics = body['metrics'] as Array<{ category: string; name: string; value: number }>;
    assert.ok(metrics.some((m) => m.category === 'time' && m.name === 'total'));
    assert.equal((body['logs'] as unknown[]).length, (report['logs'] as unknown[]).length);
    assert.equal(body['code_id'], report['code_id']);
    assert.equal(body['cached_catalog_status'], 'not_used');
  });

  it('refuses a report for another host than its path, and names bad fields', () => {
    const report = puppetAgentReport();
    const other = decodePuppetReport({ certname: 'agent2.example.com', body: report }, ctx);
    assert.ok(!other.ok && other.error.path === 'host');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...report, time: 'yesterday' }, 'time'],
      [{ ...report, status: undefined }, 'status'],
      [{ ...report, metrics: { time: { name: 'time', values: [['total']] } } }, 'metrics.time.values[0]'],
      [{ ...report, resource_statuses: { 'File[/x]': { events: 'no' } } }, 'resource_statuses.File[/x].events'],
    ];
    for (const [body, path] of cases) {
      const r = decodePuppetReport({ certname: 'agent1.example.com', body }, ctx);
      assert.ok(!r.ok, path);
      assert.equal(r.error.path, path);
    }
  });

  it('ends a run without a total time where it started (a run that failed early)', () => {
    const r = decodePuppetReport({ certname: 'agent1.example.com', body: { ...puppetAgentReport(), metrics: {} } }, ctx);
    assert.ok(r.ok);
    assert.equal(r.value.data.endTime, r.value.data.startTime);
  });
});
