import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../support/eventually.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';


describe('read API', () => {
  let t: TestTroupe;
  before(async () => {
    t = await startTestTroupe();
    const r = await postJson(`${t.http.url}/puppet/v4/catalog`, {
      certname: 'db1.example.com', environment: 'production', facts: { values: { os: { family: 'Debian' }, role: 'db' } },
    });
    assert.equal(r.status, 200);
  });
  after(() => t.stop());

  it('lists the node once the projection stored it, with facts and catalog', async () => {
    const list = async () => (await fetch(`${t.http.url}/troupe/v1/nodes`)).json() as Promise<Array<{ certname: string; catalogHash: string | null }>>;
    await eventually(async () => (await list()).some((n) => n.certname === 'db1.example.com' && n.catalogHash), 5000, 'the stored catalog');
    const nodes = await list();
    assert.equal(nodes.length, 1);
    const facts = await (await fetch(`${t.http.url}/troupe/v1/nodes/db1.example.com/facts`)).json() as Record<string, unknown>;
    assert.equal(facts['role'], 'db');
  });

  it('serves the latest catalog with its hash as ETag and answers 304 to If-None-Match', async () => {
    const res = await fetch(`${t.http.url}/troupe/v1/nodes/db1.example.com/catalog`);
    assert.equal(res.status, 200);
    const etag = res.headers.get('etag');
    const body = await res.json() as { hash: string; catalog: { resources: Array<{ type: string; title: string }> } };
    assert.equal(etag, `"${body.hash}"`);
    assert.ok(body.catalog.resources.some((r) => r.type === 'Service' && r.title === 'postgresql'));
    const again = await fetch(`${t.http.url}/troupe/v1/nodes/db1.example.com/catalog`, { headers: { 'if-none-match': etag! } });
    assert.equal(again.status, 304);
  });

  it('shows the node timeline and 404s for unknown nodes', async () => {
    const events = await (await fetch(`${t.http.url}/troupe/v1/nodes/db1.example.com/events`)).json() as Array<{ type: string }>;
    assert.deepEqual(events.map((e) => e.type), ['facts_submitted', 'catalog_requested', 'catalog_compiled']);
    const newest = await (await fetch(`${t.http.url}/troupe/v1/nodes/db1.example.com/events?order=desc&limit=2`)).json() as Array<{ type: string }>;
    assert.deepEqual(newest.map((e) => e.type), ['catalog_compiled', 'catalog_requested']);
    assert.equal((await fetch(`${t.http.url}/troupe/v1/nodes/db1.example.com/events?order=sideways`)).status, 400);
    const brief = await (await fetch(`${t.http.url}/troupe/v1/nodes/db1.example.com/events?brief=true`)).json() as Array<{ type: string; data: Record<string, unknown> }>;
    const [facts, , compiled] = brief;
    assert.equal(facts!.data['factCount'], 2);
    assert.equal(facts!.data['values'], undefined);
    assert.ok(Number(compiled!.data['resourceCount']) > 0);
    assert.equal(compiled!.data['catalog'], undefined);
    assert.equal(typeof compiled!.data['hash'], 'string');
    const missing = await fetch(`${t.http.url}/troupe/v1/nodes/nobody.example.com/catalog`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /nobody\.example\.com/);
  });

  it("lists compile failures (none while every compile succeeded)", async () => {
    const res = await fetch(`${t.http.url}/troupe/v1/compile-failures?limit=5`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), []);
  });

  it('accepts Troupe events idempotently by id', async () => {
    const event = { type: 'node_deactivated', id: 'deact-1', stream: 'db1.example.com', data: { producerTimestamp: new Date().toISOString() } };
    const first = await postJson(`${t.http.url}/troupe/v1/events`, event);
    const second = await postJson(`${t.http.url}/troupe/v1/events`, event);
    assert.equal(first.json[0].status, 'appended');
    assert.equal(second.json[0].status, 'duplicate');
    assert.equal(second.json[0].position, first.json[0].position);
    const bad = await postJson(`${t.http.url}/troupe/v1/events`, { type: 'catalog_compiled', stream: 'x', data: {} });
    assert.equal(bad.status, 400);
  });
});
