import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { TroupeError } from '../../../../core/errors/troupe-error.js';
import { QueryThread, type QueryThreadOptions } from '../../../../ops/app/query/query-thread.js';
import { STREAM_WINDOW } from '../../../../ops/app/query/query-thread.messages.js';
import { jsonTextOf, type ChunkSink, type JsonChunks } from '../../../../projections/query/pdb-query.engine.js';
import { QueryError } from '../../../../projections/query/query-error.js';
import { FLEET, factsSubmitted, loadedEngine } from '../../../projections/query/query.fixture.js';
import { REPORTS } from '../../../projections/query/reports.fixture.js';

// One node whose fact makes `^(a+)+$` backtrack for minutes: a query that must be stopped.
const { engine, projection } = loadedEngine([...FLEET, ...REPORTS, factsSubmitted('slow', { word: `${'a'.repeat(34)}!` }, '2026-01-01T13:00:00.000Z')]);
const path = projection.database.raw.name;
const threads: QueryThread[] = [];
const thread = (o: Omit<QueryThreadOptions, 'store'> = {}) => {
  const t = new QueryThread({ store: { kind: 'sqlite', logPath: '', storeconfigsPath: path }, ...o });
  threads.push(t);
  return t;
};
after(async () => {
  for (const t of threads) await t.close();
  await projection.close();
});

const SLOW = ['from', 'facts', ['and', ['=', 'name', 'word'], ['~', 'value', '^(a+)+$']]];
const overloaded = (e: unknown) => e instanceof TroupeError && e.code === 'overloaded';

describe('QueryThread', () => {
  it('answers what the engine answers; a refused query stays a QueryError', async () => {
    const t = thread();
    const q = ['from', 'nodes', ['~', 'certname', '^web'], ['order_by', ['certname']]];
    assert.deepEqual(await t.query(q, { activeOnly: true, paging: { includeTotal: true } }), await engine.query(q, { activeOnly: true, paging: { includeTotal: true } }));
    await assert.rejects(t.query(['from', 'nodes', ['=', 'nope', 1]]), (e: unknown) => e instanceof QueryError && /^'nope' is not a queryable object/.test(e.message));
  });
  it('answers queryJson as UTF-8 bytes moved across, the same text as the engine\'s', async () => {
    const t = thread();
    const q = ['from', 'resources', ['=', 'exported', true]];
    const answer = await t.queryJson(q, { activeOnly: true, paging: { includeTotal: true } });
    const expected = await engine.queryJson(q, { activeOnly: true, paging: { includeTotal: true } });
    assert.ok(answer.json instanceof Uint8Array, 'an answer shorter than a ring slot is moved across whole');
    // The engine answers text, or bytes when SQL wrote the answer (as here: resources' plain fields).
    assert.equal(await jsonTextOf(answer.json), await jsonTextOf(expected.json));
    assert.equal(answer.total, expected.total);
    await assert.rejects(t.queryJson(['from', 'nodes', ['=', 'nope', 1]]), QueryError);
  });
  it('streams an answer longer than a ring slot, slot-sized chunks, the same bytes as the engine\'s (SQL-written and JavaScript-built)', async () => {
    const t = thread({ ringSlotBytes: 64, ringSlots: 4 });
    for (const q of [['from', 'resources', ['=', 'exported', true]], ['from', 'facts'], ['from', 'catalogs']]) {
      const answer = await t.queryJson(q, { activeOnly: true, paging: { includeTotal: true } });
      const expected = await engine.queryJson(q, { activeOnly: true, paging: { includeTotal: true } });
      const streamed = chunksOf(answer.json);
      const { text, sizes } = await collect(streamed);
      assert.equal(text, await jsonTextOf(expected.json));
      assert.equal(streamed.byteLength, Buffer.byteLength(text));
      assert.ok(sizes.length > 2 && sizes.every((n) => n > 0 && n <= 64), `chunks: ${sizes.join(',')}`);
      assert.equal(answer.total, expected.total);
    }
  });
  it('answers concurrent streams whole when the ring is short of slots (chunks moved across instead)', async () => {
    const t = thread({ ringSlotBytes: 64, ringSlots: 1 });
    const qs = [['from', 'facts'], ['from', 'catalogs'], ['from', 'resources']];
    const answers = await Promise.all(qs.map((q) => t.queryJson(q)));
    const texts = await Promise.all(answers.map((a) => collect(chunksOf(a.json), 1)));
    for (const [i, q] of qs.entries()) assert.equal(texts[i]!.text, await jsonTextOf((await engine.queryJson(q)).json));
  });
  it('pulls no further than the reader: a sink that holds its chunks gets at most the window; the thread answers others meanwhile', async () => {
    const t = thread({ ringSlotBytes: 64 });
    const streamed = chunksOf((await t.queryJson(['from', 'facts'])).json);
    const held: (() => void)[] = [];
    const writing = streamed.writeTo({ write: (_chunk, callback) => { held.push(() => callback()); } });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(held.length, STREAM_WINDOW);
    assert.equal((await t.query(['from', 'environments'])).rows.length, 2);
    assert.equal(held.length, STREAM_WINDOW);
    // Released one by one, the rest follows.
    while (held.length > 0) { held.shift()!(); await new Promise((r) => setTimeout(r, 1)); }
    await writing;
  });
  it('fails a stream cut off by the thread stopping: its writeTo rejects after what was written', async () => {
    const t = thread({ ringSlotBytes: 64 });
    const streamed = chunksOf((await t.queryJson(['from', 'facts'])).json);
    let written = 0;
    const writing = streamed.writeTo({
      write: (chunk, callback) => {
        written += chunk.byteLength;
        if (written > 64) void t.close(); // after the first chunks: the thread goes
        callback();
      },
    });
    await assert.rejects(writing, (e: unknown) => overloaded(e) && /before the answer was written out/.test((e as Error).message));
    assert.ok(written < streamed.byteLength);
  });
  it('a sink that fails ends the stream: writeTo rejects, the ring serves the next answer', async () => {
    const t = thread({ ringSlotBytes: 64, ringSlots: 2 });
    const first = chunksOf((await t.queryJson(['from', 'facts'])).json);
    await assert.rejects(first.writeTo({ write: (_c, callback) => callback(new Error('socket closed')) }), /socket closed/);
    const next = await collect(chunksOf((await t.queryJson(['from', 'facts'])).json));
    assert.equal(next.text, await jsonTextOf((await engine.queryJson(['from', 'facts'])).json));
  });
  it('answers event-counts and aggregate-event-counts as the engine does', async () => {
    const t = thread();
    const request = { summarizeBy: 'certname', query: ['=', 'latest_report?', true], paging: { includeTotal: true } };
    const counts = await t.eventCounts(request);
    assert.ok(counts.rows.length > 0);
    assert.deepEqual(counts, await engine.eventCounts(request));
    assert.deepEqual(await t.aggregateEventCounts({ summarizeBy: 'resource,containing_class' }), await engine.aggregateEventCounts({ summarizeBy: 'resource,containing_class' }));
    await assert.rejects(t.eventCounts({ summarizeBy: 'bogus' }), QueryError);
  });
  it('stops a query past its time (ending the thread) and answers the next one', { timeout: 30_000 }, async () => {
    const t = thread({ timeoutMs: 300 });
    const started = Date.now();
    await assert.rejects(t.query(SLOW), (e: unknown) => overloaded(e) && /longer than 300 ms/.test((e as Error).message));
    assert.ok(Date.now() - started < 10_000);
    assert.equal((await t.query(['from', 'environments'])).rows.length, 2);
  });
  it('bounds its queue: beyond maxQueued a query is refused at once; close refuses the queued', { timeout: 30_000 }, async () => {
    const t = thread({ timeoutMs: 1000, maxQueued: 1 });
    const slow = t.query(SLOW);
    const queued = t.query(['from', 'environments']);
    await assert.rejects(t.query(['from', 'producers']), overloaded);
    await assert.rejects(slow, overloaded);
    assert.equal((await queued).rows.length, 2);
    const settled = Promise.allSettled([t.query(SLOW), t.query(['from', 'environments'])]);
    await t.close();
    for (const r of await settled) assert.ok(r.status === 'rejected' && overloaded(r.reason));
  });
});

function chunksOf(json: string | Uint8Array | JsonChunks): JsonChunks {
  assert.ok(typeof json === 'object' && !(json instanceof Uint8Array), 'a streamed answer');
  return json;
}

/** A streamed answer's text and chunk sizes, each chunk copied before its callback (`delayMs`: a slow reader). */
async function collect(json: JsonChunks, delayMs = 0): Promise<{ text: string; sizes: number[] }> {
  const parts: Buffer[] = [];
  const sink: ChunkSink = {
    write: (chunk, callback) => {
      parts.push(Buffer.from(chunk));
      setTimeout(callback, delayMs);
    },
  };
  await json.writeTo(sink);
  return { text: Buffer.concat(parts).toString('utf8'), sizes: parts.map((p) => p.byteLength) };
}
