import assert from 'node:assert/strict';
import { createServer, get as httpGet } from 'node:http';
import { after, describe, it } from 'node:test';
import { QueryThread } from '../../../../../ops/app/query/query-thread.js';
import { BodyBudget } from '../../../../../ops/http/body-budget.js';
import { createRequestListener } from '../../../../../ops/http/http-router.js';
import { listen, type Listening } from '../../../../../ops/http/listen.js';
import { pdbQueryRoutes } from '../../../../../ops/http/routes/pdb/pdb-query.route.js';
import { jsonTextOf, type JsonChunks, type PdbQueryEngine } from '../../../../../projections/query/pdb-query.engine.js';
import { loadedEngine } from '../../../../projections/query/query.fixture.js';

// Answers streamed through a ring of 64-byte slots: every answer of the fixture is many chunks.
const { engine, projection } = loadedEngine();
const threads: QueryThread[] = [];
const servers: Listening[] = [];
const thread = () => {
  const t = new QueryThread({ store: { kind: 'sqlite', logPath: '', storeconfigsPath: projection.database.raw.name }, ringSlotBytes: 64, ringSlots: 4 });
  threads.push(t);
  return t;
};
async function serve(pdbQuery: PdbQueryEngine): Promise<string> {
  const listener = createRequestListener(pdbQueryRoutes({ pdbQuery }), {
    body: { maxBytes: 1 << 20, budget: new BodyBudget(1 << 24), retryAfterSeconds: () => 1 },
  });
  const s = await listen([createServer(listener)], '127.0.0.1', 0, 'http');
  servers.push(s);
  return s.url;
}
after(async () => {
  for (const s of servers) await s.close();
  for (const t of threads) await t.close();
  await projection.close();
});

/** The thread's engine, its streamed answers cut off after their first chunk by stopping the thread (what a timeout or crash does). */
function stoppedMidStream(t: QueryThread): PdbQueryEngine {
  const cut = (json: JsonChunks): JsonChunks => ({
    byteLength: json.byteLength,
    writeTo: (sink) => json.writeTo({ write: (chunk, callback) => { sink.write(chunk, callback); void t.close(); } }),
  });
  return {
    query: (ast, o) => t.query(ast, o),
    eventCounts: (r) => t.eventCounts(r),
    aggregateEventCounts: (r) => t.aggregateEventCounts(r),
    queryJson: async (ast, o) => {
      const r = await t.queryJson(ast, o);
      assert.ok(typeof r.json === 'object' && !(r.json instanceof Uint8Array), 'a streamed answer');
      return { ...r, json: cut(r.json) };
    },
  };
}

describe('/pdb/query/v4 answers streamed from the query thread', () => {
  it('are the engine\'s bytes, with their length up front; pretty ones re-indented', async () => {
    const url = await serve(thread());
    for (const [path, query] of [['/pdb/query/v4/facts', undefined], ['/pdb/query/v4/resources', '["=", "exported", true]'], ['/pdb/query/v4/catalogs', undefined]] as const) {
      const res = await fetch(`${url}${path}${query ? `?${new URLSearchParams({ query })}` : ''}`);
      const body = Buffer.from(await res.arrayBuffer());
      const expected = await jsonTextOf((await engine.queryJson(['from', path.split('/').at(-1)!, ...(query ? [JSON.parse(query) as unknown] : [])], { activeOnly: !path.endsWith('catalogs') })).json);
      assert.equal(res.status, 200);
      assert.equal(body.toString('utf8'), expected, path);
      assert.ok(body.byteLength > 64 * 4, 'longer than the whole ring');
      assert.equal(res.headers.get('content-length'), String(body.byteLength));
    }
    const pretty = await fetch(`${url}/pdb/query/v4/facts?pretty=true`);
    assert.equal(await pretty.text(), JSON.stringify(JSON.parse(await jsonTextOf((await engine.queryJson(['from', 'facts'], { activeOnly: true })).json)), null, 2));
  });
  it('cut off mid-way (the thread stopped): the connection is cut, never a short 200 that looks whole', async () => {
    const url = await serve(stoppedMidStream(thread()));
    const { status, length, received, ended } = await new Promise<{ status: number; length: number; received: number; ended: string }>((resolve) => {
      httpGet(`${url}/pdb/query/v4/facts`, (res) => {
        let received = 0;
        const done = (ended: string) => resolve({ status: res.statusCode!, length: Number(res.headers['content-length']), received, ended });
        res.on('data', (d: Buffer) => { received += d.byteLength; });
        res.once('end', () => done('end'));
        res.once('aborted', () => done('aborted'));
        res.once('error', () => done('error'));
      });
    });
    assert.equal(status, 200);
    assert.notEqual(ended, 'end');
    assert.ok(received > 0 && received < length, `${received} of ${length} bytes`);
    // A fetch client sees its body fail.
    const again = await serve(stoppedMidStream(thread()));
    const res = await fetch(`${again}/pdb/query/v4/facts`);
    await assert.rejects(res.text());
  });
});
