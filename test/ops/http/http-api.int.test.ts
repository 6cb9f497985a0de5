import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../support/eventually.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const catalogRequest = (certname: string) => ({
  certname, environment: 'production', transaction_uuid: '9f1e0b8e-2d2b-4a8f-9d5e-000000000001',
  facts: { values: { os: { family: 'Debian' }, networking: { fqdn: certname } } },
});

describe('HTTP front door', () => {
  let t: TestTroupe;
  before(async () => { t = await startTestTroupe(); });
  after(() => t.stop());

  it('compiles a catalog through the actor pipeline (POST /puppet/v4/catalog)', async () => {
    const r = await postJson(`${t.http.url}/puppet/v4/catalog`, catalogRequest('web01.example.com'));
    assert.equal(r.status, 200);
    assert.equal(r.json.catalog.name, 'web01.example.com');
    assert.ok(r.json.catalog.resources.some((x: { type: string; title: string }) => x.type === 'Service' && x.title === 'nginx'));
    const motd = r.json.catalog.resources.find((x: { title: string }) => x.title === '/etc/motd');
    assert.match(motd.parameters.content, /web01\.example\.com/);
    const events = await t.app.log.readStream('web01.example.com');
    assert.deepEqual(events.map((e) => e.type), ['facts_submitted', 'catalog_requested', 'catalog_compiled']);
  });

  it('answers 400 with the reason and appends nothing for bad input', async () => {
    const head = await t.app.log.head();
    const cases: Array<[string, unknown, RegExp]> = [
      ['/puppet/v4/catalog', '{not json', /not valid JSON/],
      ['/puppet/v4/catalog', { certname: 'UPPER case', facts: { values: {} } }, /certname/],
      ['/puppet/v4/catalog', { certname: 'a.example.com' }, /facts/],
      ['/pdb/cmd/v1?command=replace_facts&version=5', { certname: 'a.example.com' }, /producer_timestamp: expected a string/],
      ['/pdb/cmd/v1?command=replace_facts&version=4', { certname: 'a.example.com' }, /version 5/],
      ['/pdb/cmd/v1?command=frobnicate&version=1', {}, /unknown command/],
      ['/pdb/cmd/v1?command=replace_facts&version=5&certname=b.example.com',
        { certname: 'a.example.com', environment: 'production', producer_timestamp: '2026-01-01T00:00:00Z', values: {} }, /query names b\.example\.com/],
    ];
    for (const [path, body, reason] of cases) {
      const r = await postJson(`${t.http.url}${path}`, body);
      assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}`);
      assert.match(r.json.error, reason);
    }
    assert.equal(await t.app.log.head(), head);
  });

  it('accepts PuppetDB commands and reports queue depth like PuppetDB', async () => {
    const r = await postJson(`${t.http.url}/pdb/cmd/v1?command=replace_facts&version=5&certname=db1.example.com`, {
      certname: 'db1.example.com', environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'pm', values: { a: 1 },
    });
    assert.equal(r.status, 200);
    assert.match(r.json.uuid, /^[0-9a-f-]{36}$/);
    const s = await (await fetch(`${t.http.url}/status/v1/services/puppetdb-status`)).json() as { state: string; status: { queue_depth: number } };
    assert.equal(s.state, 'running');
    assert.equal(typeof s.status.queue_depth, 'number');
  });

  it('skips a malformed logged event in storeconfigs, counts it in /status, and projects the events after it', async () => {
    // Events are validated before they are logged; this one bypasses that, as a bug or another version's log would.
    const at = '2026-01-01T00:00:00.000Z';
    await t.app.log.append([{ event: { type: 'facts_submitted', id: randomUUID(), stream: 'bad.example.com', time: at, meta: { source: 'test' },
      data: { environment: 'production', producerTimestamp: at, producer: null, values: null as never } } }]);
    const r = await postJson(`${t.http.url}/pdb/cmd/v1?command=replace_facts&version=5&certname=after.example.com`, {
      certname: 'after.example.com', environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'pm', values: { a: 1 },
    });
    assert.equal(r.status, 200);
    const status = async () => (await (await fetch(`${t.http.url}/status`)).json()) as { storeconfigs: { projectionFailures: number } };
    await eventually(async () => (await fetch(`${t.http.url}/troupe/v1/nodes/after.example.com`)).status === 200, 10_000, 'the node after the bad event');
    assert.equal((await status()).storeconfigs.projectionFailures, 1);
    assert.equal((await fetch(`${t.http.url}/troupe/v1/nodes/bad.example.com`)).status, 404, 'the bad event stored nothing');
  });

  it('answers 404 and 405 for unknown endpoints and methods', async () => {
    assert.equal((await fetch(`${t.http.url}/nope`)).status, 404);
    assert.equal((await fetch(`${t.http.url}/puppet/v4/catalog`)).status, 405);
  });
});

describe('admission control', () => {
  let t: TestTroupe;
  before(async () => { t = await startTestTroupe({ admissionHighWater: 4, compileConcurrency: 1 }); });
  after(() => t.stop());

  it('refuses with 503 and a jittered Retry-After above the high-water mark, and serves again below it', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => postJson(`${t.http.url}/puppet/v4/catalog`, catalogRequest(`n${i}.example.com`))));
    const refused = results.filter((r) => r.status === 503);
    const served = results.filter((r) => r.status === 200);
    assert.ok(refused.length > 0, 'some requests must be refused');
    assert.ok(served.length >= 4, 'at least the admitted ones are served');
    assert.equal(refused.length + served.length, 60);
    for (const r of refused) {
      const retry = Number(r.headers.get('retry-after'));
      assert.ok(retry >= 1 && retry <= 10, `Retry-After ${retry}`);
    }
    // Refused requests left nothing in the log: only the served nodes have streams.
    const events = await t.app.log.read(0, { limit: 10_000 });
    assert.equal(events.filter((e) => e.type === 'catalog_requested').length, served.length);
    const again = await postJson(`${t.http.url}/puppet/v4/catalog`, catalogRequest('late.example.com'));
    assert.equal(again.status, 200);
  });
});
