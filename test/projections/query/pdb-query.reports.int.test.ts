import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { QueryError } from '../../../projections/query/query-error.js';
import { reportHash } from '../../../projections/rows/report-rows.js';
import { loadedEngine, reportSubmitted } from './query.fixture.js';
import { ev, REPORTS, res } from './reports.fixture.js';

type Row = Record<string, unknown>;

const { engine, projection } = loadedEngine(REPORTS);
after(() => projection.close());
const rows = async (ast: unknown) => (await engine.query(ast, {})).rows as Row[];
const hashOf = (certname: string, at: string) => reportHash(`r-${certname}-${at}`);
const OLD = hashOf('web1', '2026-02-01T10:00:00.000Z');
const NEW = hashOf('web1', '2026-02-01T11:00:00.000Z');

describe('reports', () => {
  it('answers PuppetDB 7 fields with resource_events, metrics and logs as {href, data}', async () => {
    const [r] = await rows(['from', 'reports', ['=', 'hash', OLD]]);
    assert.ok(r);
    assert.deepEqual(Object.keys(r), [
      'hash', 'certname', 'puppet_version', 'receive_time', 'report_format', 'start_time', 'end_time', 'producer_timestamp', 'producer',
      'transaction_uuid', 'status', 'noop', 'noop_pending', 'environment', 'configuration_version', 'catalog_uuid', 'code_id', 'job_id',
      'cached_catalog_status', 'corrective_change', 'type', 'resource_events', 'metrics', 'logs',
    ]);
    assert.equal(r['status'], 'failed');
    assert.equal(r['report_format'], 12);
    assert.equal(r['code_id'], 'abc');
    assert.equal(r['noop'], false);
    assert.deepEqual(r['metrics'], { href: `/pdb/query/v4/reports/${OLD}/metrics`, data: [{ category: 'time', name: 'total', value: 3.5 }] });
    assert.equal((r['logs'] as { data: Row[] }).data[0]!['message'], 'boom');
    const events = r['resource_events'] as { href: string; data: Row[] };
    assert.equal(events.href, `/pdb/query/v4/reports/${OLD}/events`);
    assert.deepEqual(events.data.map((e) => [e['resource_type'], e['status'], e['containing_class'], e['corrective_change']]),
      [['File', 'failure', 'Web', null], ['Package', 'success', 'Web', null]]);
    assert.deepEqual(events.data[0]!['containment_path'], ['Stage[main]', 'Web', 'File[/etc/motd]']);
  });

  it('filters on latest_report? (the node\'s newest by producer timestamp)', async () => {
    const latest = await rows(['from', 'reports', ['extract', ['certname', 'hash'], ['=', 'latest_report?', true]], ['order_by', ['certname']]]);
    assert.deepEqual(latest, [{ certname: 'db1', hash: hashOf('db1', '2026-02-01T12:00:00.000Z') }, { certname: 'web1', hash: NEW }]);
    const older = await rows(['from', 'reports', ['extract', ['hash'], ['=', 'latest_report?', false]]]);
    assert.deepEqual(older, [{ hash: OLD }]);
  });

  it('gives nodes the newest report\'s status, hash, noop_pending and job id (corrective change null, as open-source PuppetDB)', async () => {
    const [web1] = await rows(['from', 'nodes', ['=', 'certname', 'web1']]);
    assert.equal(web1!['latest_report_status'], 'unchanged');
    assert.equal(web1!['latest_report_hash'], NEW);
    assert.equal(web1!['latest_report_noop_pending'], true);
    assert.equal(web1!['latest_report_corrective_change'], null);
    assert.equal(web1!['latest_report_job_id'], 'job-7');
    assert.equal(web1!['cached_catalog_status'], 'not_used');
  });
});

describe('reports in subqueries', () => {
  it('selects nodes by their reports (PQL\'s nodes { reports { … } }) and reports by their events', async () => {
    const failed = await rows(['from', 'nodes', ['extract', ['certname'], ['subquery', 'reports', ['=', 'status', 'failed']]]]);
    assert.deepEqual(failed, [{ certname: 'web1' }]);
    const withNoop = await rows(['from', 'reports', ['extract', ['hash'], ['subquery', 'events', ['=', 'status', 'noop']]]]);
    assert.deepEqual(withNoop, [{ hash: NEW }]);
  });
});

describe('events', () => {
  it('answers every event with its report\'s fields; a skipped resource is one skipped event', async () => {
    const all = await rows(['from', 'events', ['=', 'certname', 'web1'], ['order_by', ['timestamp', 'resource_type']]]);
    assert.deepEqual(all.map((e) => [e['resource_type'], e['status'], e['report'] === OLD ? 'old' : 'new']).sort(), [
      ['Exec', 'skipped', 'new'], ['File', 'failure', 'old'], ['Package', 'success', 'old'], ['Service', 'noop', 'new'],
    ]);
    const file = all.find((e) => e['resource_type'] === 'File')!;
    assert.equal(file['run_start_time'], '2026-02-01T10:00:00.000Z');
    assert.equal(file['new_value'], 'present');
    assert.equal(file['line'], 7);
  });

  it('restricts to latest reports with latest_report?', async () => {
    const latest = await rows(['from', 'events', ['extract', ['certname', 'status'], ['=', 'latest_report?', true]], ['order_by', ['certname', 'status']]]);
    assert.deepEqual(latest, [
      { certname: 'db1', status: 'success' }, { certname: 'db1', status: 'success' },
      { certname: 'web1', status: 'noop' }, { certname: 'web1', status: 'skipped' },
    ]);
  });

  it('answers PuppetDB\'s documented example queries', async () => {
    // events.markdown: ["and", ["=", "status", "failure"], [">", "timestamp", …]]
    const failed = await rows(['from', 'events', ['and', ['=', 'status', 'failure'], ['>', 'timestamp', '2026-01-01T00:00:00Z']]]);
    assert.deepEqual(failed.map((e) => e['resource_title']), ['/etc/motd']);
    // ["=", "containing_class", "Db"]
    assert.equal((await rows(['from', 'events', ['=', 'containing_class', 'Db']])).length, 2);
    // subquery: events of reports in noop_pending
    const pending = await rows(['from', 'events', ['in', 'report', ['extract', 'hash', ['select_reports', ['=', 'noop_pending', true]]]]]);
    assert.deepEqual(pending.map((e) => e['status']).sort(), ['noop', 'skipped']);
  });
});

describe('event-counts', () => {
  it('summarizes by resource, containing_class and certname', async () => {
    const byResource = await engine.eventCounts({ summarizeBy: 'resource' });
    assert.deepEqual(byResource.rows.find((r) => r.subject['title'] === '/etc/motd'), {
      subject_type: 'resource', subject: { type: 'File', title: '/etc/motd' }, failures: 1, successes: 1, noops: 0, skips: 0,
    });
    const byClass = await engine.eventCounts({ summarizeBy: 'containing_class' });
    assert.deepEqual(byClass.rows.map((r) => [r.subject['title'], r.failures, r.successes, r.noops, r.skips]), [['Db', 0, 1, 0, 0], ['Web', 1, 1, 1, 1]]);
    const byNode = await engine.eventCounts({ summarizeBy: 'certname', query: ['=', 'latest_report?', true] });
    assert.deepEqual(byNode.rows, [
      { subject_type: 'certname', subject: { title: 'db1' }, failures: 0, successes: 1, noops: 0, skips: 0 },
      { subject_type: 'certname', subject: { title: 'web1' }, failures: 0, successes: 0, noops: 1, skips: 1 },
    ]);
  });

  it('counts certnames with count_by certname and filters with counts_filter', async () => {
    const r = await engine.eventCounts({ summarizeBy: 'resource', countBy: 'certname', countsFilter: ['>', 'successes', 0] });
    assert.deepEqual(r.rows.map((x) => [x.subject['type'], x.subject['title'], x.successes]), [['File', '/etc/motd', 1], ['Package', 'nginx', 1]]);
    const paged = await engine.eventCounts({ summarizeBy: 'resource', paging: { limit: 1, includeTotal: true } });
    assert.equal(paged.rows.length, 1);
    assert.equal(paged.total, 4);
  });

  it('aggregates per summarize_by', async () => {
    assert.deepEqual(await engine.aggregateEventCounts({ summarizeBy: 'containing_class,certname' }), [
      { summarize_by: 'containing_class', successes: 2, failures: 1, noops: 1, skips: 1, total: 2 },
      { summarize_by: 'certname', successes: 2, failures: 1, noops: 1, skips: 1, total: 2 },
    ]);
  });

  it('refuses unknown summarize_by, count_by and counts_filter fields with a QueryError', async () => {
    for (const req of [
      { summarizeBy: 'bogus' }, { summarizeBy: 'resource', countBy: 'class' },
      { summarizeBy: 'resource', countsFilter: ['>', 'bogus', 0] }, { summarizeBy: 'resource', countsFilter: ['~', 'failures', 0] },
      { summarizeBy: 'resource', query: ['=', 'bogus', 1] },
    ]) {
      await assert.rejects(engine.eventCounts(req), QueryError, JSON.stringify(req));
    }
  });
});

describe('events with distinct_resources', () => {
  // File[/x] failed in the 10:00 run and was fixed in the 11:00 run.
  const runs = loadedEngine([
    reportSubmitted('n1', '2026-03-01T10:00:00.000Z', 'failed', { resources: [res('File', '/x', [ev('failure', 'content', { timestamp: '2026-03-01T10:00:01.000Z' })])] }),
    reportSubmitted('n1', '2026-03-01T11:00:00.000Z', 'changed', { resources: [res('File', '/x', [ev('success', 'content', { timestamp: '2026-03-01T11:00:01.000Z' })])] }),
  ]);
  after(() => runs.projection.close());
  const failing = async (start: string, end: string) => (await runs.engine.query(['from', 'events', ['=', 'status', 'failure']], { distinctResources: { start, end } })).rows;

  it('considers only each resource\'s newest event in the window, before the query filters', async () => {
    assert.equal((await runs.engine.query(['from', 'events', ['=', 'status', 'failure']], {})).rows.length, 1, 'without: it failed once');
    assert.equal((await failing('2026-03-01T09:00:00Z', '2026-03-01T12:00:00Z')).length, 0, 'its newest event is a success');
    assert.equal((await failing('2026-03-01T09:00:00Z', '2026-03-01T11:00:00Z')).length, 1, 'the window ends before the fix');
    const counts = await runs.engine.eventCounts({ summarizeBy: 'certname', distinctResources: { start: '2026-03-01T09:00:00Z', end: '2026-03-01T12:00:00Z' } });
    assert.deepEqual(counts.rows.map((r) => [r.failures, r.successes]), [[0, 1]]);
  });

  it('refuses it on other entities and with a malformed window', async () => {
    await assert.rejects(runs.engine.query(['from', 'reports'], { distinctResources: { start: '2026-03-01T09:00:00Z', end: '2026-03-01T12:00:00Z' } }), QueryError);
    await assert.rejects(failing('yesterday', '2026-03-01T12:00:00Z'), /not a valid timestamp value for 'distinct_start_time'/);
  });
});
