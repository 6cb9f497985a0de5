import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { BodyBudget } from '../../../../../ops/http/body-budget.js';
import { createRequestListener } from '../../../../../ops/http/http-router.js';
import { listen, type Listening } from '../../../../../ops/http/listen.js';
import { pdbQueryRoutes } from '../../../../../ops/http/routes/pdb/pdb-query.route.js';
import { reportHash } from '../../../../../projections/rows/report-rows.js';
import { loadedEngine } from '../../../../projections/query/query.fixture.js';
import { REPORTS } from '../../../../projections/query/reports.fixture.js';

const { engine, projection } = loadedEngine(REPORTS);
let server: Listening;
let url: string;
before(async () => {
  const listener = createRequestListener(pdbQueryRoutes({ pdbQuery: engine }), {
    body: { maxBytes: 1 << 20, budget: new BodyBudget(1 << 24), retryAfterSeconds: () => 1 },
  });
  server = await listen([createServer(listener)], '127.0.0.1', 0, 'http');
  url = server.url;
});
after(async () => {
  await server.close();
  await projection.close();
});

const OLD = reportHash('r-web1-2026-02-01T10:00:00.000Z');
const get = async (path: string, params: Record<string, string> = {}) => {
  const res = await fetch(`${url}${path}?${new URLSearchParams(params)}`);
  return { status: res.status, records: res.headers.get('x-records'), text: await res.text() };
};
const json = (text: string) => JSON.parse(text) as Record<string, unknown>[];

describe('/pdb/query/v4 reports and events', () => {
  it('answers reports and events, filtered like any entity', async () => {
    const reports = await get('/pdb/query/v4/reports', { query: '["=", "certname", "web1"]', order_by: '[{"field":"producer_timestamp"}]' });
    assert.equal(reports.status, 200);
    assert.deepEqual(json(reports.text).map((r) => r['status']), ['failed', 'unchanged']);
    const failures = await get('/pdb/query/v4/events', { query: '["=", "status", "failure"]' });
    assert.deepEqual(json(failures.text).map((e) => [e['certname'], e['report']]), [['web1', OLD]]);
  });

  it('answers a report\'s events, metrics and logs at /reports/<hash>/…; 404 for an unknown hash', async () => {
    const events = await get(`/pdb/query/v4/reports/${OLD}/events`, { query: '["=", "status", "success"]' });
    assert.deepEqual(json(events.text).map((e) => e['resource_title']), ['nginx']);
    assert.deepEqual(JSON.parse((await get(`/pdb/query/v4/reports/${OLD}/metrics`)).text), [{ category: 'time', name: 'total', value: 3.5 }]);
    assert.deepEqual(json((await get(`/pdb/query/v4/reports/${OLD}/logs`)).text).map((l) => l['message']), ['boom']);
    for (const what of ['events', 'metrics', 'logs']) {
      const missing = await get(`/pdb/query/v4/reports/${'0'.repeat(40)}/${what}`);
      assert.equal(missing.status, 404, what);
      assert.match(missing.text, /No information is known about report 0{40}/);
    }
  });

  it('answers event-counts with summarize_by, count_by, counts_filter and paging (X-Records)', async () => {
    const r = await get('/pdb/query/v4/event-counts', {
      query: '["=", "certname", "web1"]', summarize_by: 'resource', count_by: 'certname', counts_filter: '[">", "failures", 0]',
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(json(r.text), [{ subject_type: 'resource', subject: { type: 'File', title: '/etc/motd' }, failures: 1, successes: 0, noops: 0, skips: 0 }]);
    const paged = await get('/pdb/query/v4/event-counts', { summarize_by: 'certname', limit: '1', include_total: 'true', order_by: '[{"field":"failures","order":"desc"}]' });
    assert.deepEqual([paged.records, json(paged.text).map((c) => (c['subject'] as { title: string }).title)], ['2', ['web1']]);
    const posted = await fetch(`${url}/pdb/query/v4/event-counts`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ['=', 'latest_report?', true], summarize_by: 'containing_class' }),
    });
    assert.deepEqual((await posted.json() as { subject: { title: string } }[]).map((c) => c.subject.title), ['Db', 'Web']);
  });

  it('answers events with distinct_resources in a window', async () => {
    const window = { distinct_resources: 'true', distinct_start_time: '2026-02-01T00:00:00Z', distinct_end_time: '2026-02-02T00:00:00Z' };
    const r = await get('/pdb/query/v4/events', { ...window, query: '["=", "certname", "web1"]' });
    assert.equal(r.status, 200, r.text);
    assert.equal(json(r.text).length, 4, 'web1\'s four resources, each once');
    const counts = await get('/pdb/query/v4/event-counts', { ...window, summarize_by: 'certname' });
    assert.equal(counts.status, 200, counts.text);
  });

  it('answers aggregate-event-counts for comma-separated summarize_by', async () => {
    const r = await get('/pdb/query/v4/aggregate-event-counts', { summarize_by: 'certname,resource', query: '["=", "certname", "db1"]' });
    assert.deepEqual(json(r.text), [
      { summarize_by: 'certname', successes: 1, failures: 0, noops: 0, skips: 0, total: 1 },
      { summarize_by: 'resource', successes: 1, failures: 0, noops: 0, skips: 0, total: 1 },
    ]);
  });

  it('refuses a missing or unknown summarize_by, bad counts_filter and distinct_resources with PuppetDB\'s 400 text', async () => {
    for (const [path, params, message] of [
      ['/pdb/query/v4/event-counts', {}, /Missing required query parameter 'summarize_by'/],
      ['/pdb/query/v4/event-counts', { summarize_by: 'node' }, /Unsupported value for 'summarize_by': 'node'/],
      ['/pdb/query/v4/event-counts', { summarize_by: 'certname', counts_filter: '["~", "failures", 1]' }, /Unsupported operator '~'/],
      ['/pdb/query/v4/aggregate-event-counts', { summarize_by: 'certname,bogus' }, /Unsupported value for 'summarize_by': 'bogus'/],
      ['/pdb/query/v4/event-counts', { summarize_by: 'certname', distinct_resources: 'true' }, /'distinct_resources' query parameter requires accompanying parameters 'distinct_start_time' and 'distinct_end_time'/],
      ['/pdb/query/v4/reports', { distinct_resources: 'true', distinct_start_time: '2026-01-01T00:00:00Z', distinct_end_time: '2026-12-01T00:00:00Z' }, /Unsupported query parameter 'distinct_resources'/],
      ['/pdb/query/v4/event-counts', { summarize_by: 'certname', query: '["=", "nope", 1]' }, /'nope' is not a queryable object for events/],
    ] as const) {
      const r = await get(path, params);
      assert.equal(r.status, 400, `${path} ${JSON.stringify(params)}: ${r.text}`);
      assert.match(r.text, message);
    }
  });
});
