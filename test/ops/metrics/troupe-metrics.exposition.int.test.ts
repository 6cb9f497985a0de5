import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { troupeRoutes } from '../../../ops/http/http-server.js';
import { routeName } from '../../../ops/http/route-name.js';
import { parseExposition, sampleValue, type MetricFamily } from '../../support/prometheus-text.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const catalogRequest = (certname: string) => ({
  certname, environment: 'production', transaction_uuid: '9f1e0b8e-2d2b-4a8f-9d5e-000000000002',
  facts: { values: { os: { family: 'Debian' }, networking: { fqdn: certname } } },
});

const V4 = { method: 'POST', route: '/puppet/v4/catalog' };

/** A site where one node's compile fails. */
function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-metrics-site-'));
  mkdirSync(join(dir, 'manifests'));
  writeFileSync(join(dir, 'manifests/site.pp'), "node 'broken.example.com' { fail('broken on purpose') }\nnode default { notify { 'hello': } }\n");
  return dir;
}

describe('GET /metrics', () => {
  let t: TestTroupe;
  const codeDir = site();
  before(async () => { t = await startTestTroupe({ admissionHighWater: 4, compiler: 'builtin', codeDir }); });
  after(async () => {
    await t.stop();
    rmSync(codeDir, { recursive: true, force: true });
  });

  async function scrape(): Promise<Map<string, MetricFamily>> {
    const res = await fetch(`${t.http.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  }
  const value = (m: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number => sampleValue(m, name, labels) ?? 0;

  it('is valid exposition text: every family has HELP and TYPE, Troupe\'s and the process\'s', async () => {
    const m = await scrape();
    for (const f of m.values()) {
      assert.ok(f.help !== undefined && f.help.length > 0, `${f.name} has no HELP`);
      assert.notEqual(f.type, 'untyped', `${f.name} has no TYPE`);
    }
    for (const name of ['troupe_admission_open', 'troupe_admission_pending', 'troupe_admission_high_water', 'troupe_admission_refused_total',
      'troupe_compile_active', 'troupe_compile_queued', 'troupe_projection_lag_events', 'troupe_actors_live', 'troupe_log_commit_duration_seconds',
      'troupe_compile_duration_seconds', 'troupe_compile_outcomes_total', 'troupe_http_requests_total', 'troupe_http_request_duration_seconds',
      'troupe_tls_handshaking', 'troupe_tls_connections_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      assert.ok(m.has(name), `${name} is exposed`);
    }
    assert.equal(value(m, 'troupe_admission_open'), 1);
    assert.equal(value(m, 'troupe_admission_high_water'), 4);
    assert.ok(value(m, 'process_resident_memory_bytes') > 0);
  });

  it('counts requests by method, route pattern and status, compile outcomes by backend, and log commits', async () => {
    const before = await scrape();
    assert.equal((await postJson(`${t.http.url}/puppet/v4/catalog`, catalogRequest('web01.example.com'))).status, 200);
    assert.equal((await postJson(`${t.http.url}/puppet/v4/catalog`, catalogRequest('broken.example.com'))).status, 500);
    // 200 or 404, whether the projection has stored the node yet: either is counted under the route's pattern.
    const node = (await fetch(`${t.http.url}/troupe/v1/nodes/web01.example.com`)).status;
    assert.equal((await fetch(`${t.http.url}/no/such/thing`)).status, 404);
    const now = await scrape();
    const moved = (name: string, labels: Record<string, string>) => value(now, name, labels) - value(before, name, labels);

    assert.equal(moved('troupe_http_requests_total', { ...V4, status: '200' }), 1);
    assert.equal(moved('troupe_http_requests_total', { ...V4, status: '500' }), 1);
    assert.equal(moved('troupe_http_request_duration_seconds_count', { ...V4, status: '200' }), 1);
    assert.equal(moved('troupe_http_requests_total', { method: 'GET', route: '/troupe/v1/nodes/:certname', status: String(node) }), 1);
    assert.equal(moved('troupe_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }), 1);
    const routes = new Set(now.get('troupe_http_requests_total')!.samples.map((s) => s.labels['route']));
    assert.ok(![...routes].some((r) => r?.includes('example.com')), `no raw paths as labels: ${[...routes].join(' ')}`);

    assert.equal(moved('troupe_compile_outcomes_total', { backend: 'builtin', outcome: 'compiled' }), 1);
    assert.equal(moved('troupe_compile_outcomes_total', { backend: 'builtin', outcome: 'failed' }), 1);
    assert.equal(moved('troupe_compile_duration_seconds_count', { backend: 'builtin', outcome: 'compiled' }), 1);
    assert.ok(moved('troupe_log_commit_duration_seconds_count', {}) >= 2, 'requests and outcomes were committed');
    assert.ok(moved('troupe_log_committed_events_total', {}) >= 6);
    assert.ok(value(now, 'troupe_log_head_position') >= 6);
  });

  it('names every route of the table distinctly, with no regex left in the names', () => {
    const seen = new Map<string, string>();
    for (const r of troupeRoutes(t.app)) {
      const name = `${r.method} ${routeName(r)}`;
      assert.equal(seen.get(name), undefined, `${name} names both ${seen.get(name)} and ${r.pattern.source}`);
      seen.set(name, r.pattern.source);
      assert.doesNotMatch(routeName(r), /\(\?|\[\^|\\/, name);
    }
  });

  it('counts the refusal fast path as a 503 of its route and an admission refusal (outside the latency histogram)', async () => {
    const before = await scrape();
    for (let i = 0; i < 4; i++) assert.ok(t.app.admission.reserve(`held-${i}`));
    try {
      const refused = await postJson(`${t.http.url}/puppet/v4/catalog`, catalogRequest('web01.example.com'));
      assert.equal(refused.status, 503);
      const shut = await scrape();
      assert.equal(value(shut, 'troupe_admission_open'), 0);
      assert.equal(value(shut, 'troupe_admission_pending'), 4);
      assert.equal(value(shut, 'troupe_http_requests_total', { ...V4, status: '503' }) - value(before, 'troupe_http_requests_total', { ...V4, status: '503' }), 1);
      assert.equal(value(shut, 'troupe_admission_refused_total') - value(before, 'troupe_admission_refused_total'), 1);
      assert.equal(value(shut, 'troupe_http_request_duration_seconds_count', { ...V4, status: '503' }), value(before, 'troupe_http_request_duration_seconds_count', { ...V4, status: '503' }));
    } finally {
      for (let i = 0; i < 4; i++) t.app.admission.release(`held-${i}`);
    }
  });
});
