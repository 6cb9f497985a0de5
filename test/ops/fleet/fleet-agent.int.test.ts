import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AgentHttpError, send } from '../../../ops/fleet/agent-http.js';
import { agentRun } from '../../../ops/fleet/fleet-agent.js';
import { startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

describe('fleet agent against a real Troupe', () => {
  let troupe: TestTroupe;
  before(async () => { troupe = await startTestTroupe({ admissionHighWater: 2, maxRetryAfterSeconds: 1 }); });
  after(() => troupe.stop());

  it('gets every catalog, honouring 503 + Retry-After when admission is full', async () => {
    const runs = await Promise.all(Array.from({ length: 40 }, (_, i) => agentRun(i, {
      url: troupe.http.url, api: 'v4', requestTimeoutMs: 10_000, runTimeoutMs: 30_000, report: true, retryAfterScale: 0.05,
    })));
    assert.deepEqual(runs.filter((r) => r.outcome !== 'ok'), []);
    assert.ok(runs.some((r) => r.retries > 0), 'a high-water mark of 2 refuses some of 40 concurrent agents');
    assert.ok(troupe.app.admission.refused > 0);
  });

  it("with a server_list, moves to the next server when its own refuses the connection (one failover), and starts where its index says", async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const dead = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise((r) => gone.close(r));
    const serverList = [dead, troupe.http.url];
    const o = { url: dead, serverList, api: 'v4' as const, requestTimeoutMs: 10_000, runTimeoutMs: 30_000, report: true, retryAfterScale: 0.05 };
    const [first, second] = await Promise.all([agentRun(0, o), agentRun(1, o)]);
    assert.deepEqual([first.outcome, first.failovers], ['ok', 1], 'node 0 starts at the dead server and moves on');
    assert.deepEqual([second.outcome, second.failovers], ['ok', 0], 'node 1 starts at the live one');
    const alone = await agentRun(0, { ...o, serverList: [dead] });
    assert.equal(alone.outcome, 'failed', 'with nowhere to go, the run fails');
  });
});

describe('agent HTTP client', () => {
  const postJson = (target: URL, path: string, body: string, timeoutMs: number) => send(target, { method: 'POST', path, contentType: 'application/json', body }, timeoutMs);
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/chunked') {
      res.write('{"a":');
      setTimeout(() => res.end('1}'), 5);
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2_000);
    } else {
      res.writeHead(503, { 'retry-after': '7', 'content-length': '2' }).end('no');
    }
  });
  let url: URL;
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  after(() => { server.closeAllConnections(); server.close(); });

  it('reads status, headers and a content-length body', async () => {
    const r = await postJson(url, '/refuse', '{}', 5_000);
    assert.equal(r.status, 503);
    assert.equal(r.headers['retry-after'], '7');
    assert.equal(r.body.toString(), 'no');
  });

  it('reassembles a chunked body', async () => {
    const r = await postJson(url, '/chunked', '{}', 5_000);
    assert.deepEqual(JSON.parse(r.body.toString()), { a: 1 });
  });

  it('fails with kind timeout when no response comes in time', async () => {
    await assert.rejects(postJson(url, '/slow', '{}', 100), (e) => e instanceof AgentHttpError && e.kind === 'timeout');
  });

  it('fails with kind connection when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await assert.rejects(postJson(new URL(`http://127.0.0.1:${port}`), '/', '{}', 5_000), (e) => e instanceof AgentHttpError && e.kind === 'connection');
  });
});
