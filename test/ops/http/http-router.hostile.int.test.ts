import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { rawPost, rawRequest } from '../../../ops/bench/robustness/raw-http.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
const future = '2099-01-01T00:00:00.000Z';

describe('HTTP front door under hostile input', () => {
  let t: TestTroupe;
  before(async () => { t = await startTestTroupe({ admissionHighWater: 16, maxInFlightBodyBytes: 1024 * 1024 }); });
  after(() => t.stop());

  const statusAnswers = async (): Promise<void> => assert.equal((await fetch(`${t.http.url}/status`)).status, 200);

  it('answers a path that only looks like a host (//[) as a path', async () => {
    const r = await rawRequest(t.http.url, 'GET //[ HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    assert.equal(r.status, 404, r.text);
    assert.match(r.text, /no such endpoint: \/\/\[/);
    await statusAnswers();
  });

  it('answers 400 for percent-encodings it cannot decode, and keeps serving', async () => {
    for (const line of ['GET /troupe/v1/nodes/%zz HTTP/1.1', 'GET /troupe/v1/nodes/%E0%A4%A HTTP/1.1']) {
      const r = await rawRequest(t.http.url, `${line}\r\nhost: x\r\nconnection: close\r\n\r\n`);
      assert.equal(r.status, 400, `${line}: ${r.text}`);
      assert.match(r.text, /"error":"(request target|malformed percent-encoding)/);
      await statusAnswers();
    }
  });

  it('refuses JSON nested past the depth limit and bodies that are not UTF-8, appending nothing', async () => {
    const head = await t.app.log.head();
    for (const path of ['/puppet/v4/catalog', '/pdb/cmd/v1?command=replace_facts&version=5', '/troupe/v1/events']) {
      const tooDeep = await rawRequest(t.http.url, rawPost(path, Buffer.from(deep(4300))));
      assert.equal(tooDeep.status, 400, tooDeep.text);
      assert.match(tooDeep.text, /nests deeper than 100 levels/);
      const latin1 = await rawRequest(t.http.url, rawPost(path, Buffer.from('{"certname":"caf\xe9.example.com"}', 'latin1')));
      assert.equal(latin1.status, 400, latin1.text);
      assert.match(latin1.text, /not valid UTF-8/);
    }
    assert.equal(await t.app.log.head(), head);
    await statusAnswers();
  });

  it('sets meta.source itself: a client cannot pose as an actor', async () => {
    const id = randomUUID();
    const r = await postJson(`${t.http.url}/troupe/v1/events`, {
      id, type: 'facts_submitted', stream: 'forger.example.com', meta: { source: 'actor', causationId: 'c1' },
      data: { environment: 'production', producerTimestamp: new Date().toISOString(), producer: null, values: {} },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const [logged] = await t.app.log.readStream('forger.example.com');
    assert.deepEqual(logged!.meta, { source: 'http', causationId: 'c1' });
  });

  it('refuses producer timestamps from the far future on every door, appending nothing', async () => {
    const head = await t.app.log.head();
    const pdb = await postJson(`${t.http.url}/pdb/cmd/v1?command=deactivate_node&version=3`, { certname: 'clock.example.com', producer_timestamp: future });
    assert.equal(pdb.status, 400);
    assert.match(pdb.json.error, /2099-01-01T00:00:00.000Z is more than 300 s ahead/);
    const ev = await postJson(`${t.http.url}/troupe/v1/events`, {
      type: 'facts_submitted', stream: 'clock.example.com',
      data: { environment: 'production', producerTimestamp: future, producer: null, values: {} },
    });
    assert.equal(ev.status, 400);
    assert.match(ev.json.error, /event 0: producer timestamp .* ahead/);
    assert.equal(await t.app.log.head(), head);
  });

  it('puts batches of compile requests through admission, all or none', async () => {
    const request = () => ({ type: 'catalog_requested', id: randomUUID(), stream: 'batch.example.com', data: { environment: 'production', reason: 'operator', priority: 0, transactionUuid: null } });
    const head = await t.app.log.head();
    const tooMany = await postJson(`${t.http.url}/troupe/v1/events`, Array.from({ length: 5000 }, request));
    assert.equal(tooMany.status, 413);
    assert.match(tooMany.json.error, /5000 compile requests in one batch; at most 16/);
    assert.equal(await t.app.log.head(), head);
    assert.equal(t.app.admission.pending, 0);
  });

  it('holds request bodies in flight to a global budget: 503 + Retry-After above it', async () => {
    // Declared lengths count at once, so three half-megabyte bodies that never finish arriving fill 1 MiB.
    const { connect } = await import('node:net');
    const { hostname, port } = new URL(t.http.url);
    const stalled = [0, 1].map(() => {
      const s = connect(Number(port), hostname);
      s.write(`POST /pdb/cmd/v1?command=replace_facts&version=5 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${512 * 1024}\r\n\r\n{`);
      return s;
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const r = await rawRequest(t.http.url, rawPost('/pdb/cmd/v1?command=replace_facts&version=5', Buffer.from(`{"pad":"${'x'.repeat(64 * 1024)}"}`)));
      assert.equal(r.status, 503, r.text);
      assert.match(r.text, /retry-after: \d+/i);
      assert.match(r.text, /too many request bodies in flight/);
    } finally {
      for (const s of stalled) s.destroy();
    }
    // Once the stalled requests are gone, their bytes are free again.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(t.app.bodies.budget.inFlightBytes, 0);
    await statusAnswers();
  });
});
