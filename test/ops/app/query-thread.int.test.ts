import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { TroupeError } from '../../../core/errors/troupe-error.js';
import { QueryThread } from '../../../ops/app/query-thread.js';
import { QueryError } from '../../../projections/query/query-error.js';
import { FLEET, factsSubmitted, loadedEngine } from '../../projections/query/query.fixture.js';
import { REPORTS } from '../../projections/query/reports.fixture.js';

// One node whose fact makes `^(a+)+$` backtrack for minutes: a query that must be stopped.
const { engine, projection } = loadedEngine([...FLEET, ...REPORTS, factsSubmitted('slow', { word: `${'a'.repeat(34)}!` }, '2026-01-01T13:00:00.000Z')]);
const path = projection.database.raw.name;
const threads: QueryThread[] = [];
const thread = (o: { timeoutMs?: number; maxQueued?: number } = {}) => {
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
    assert.ok(answer.json instanceof Uint8Array);
    // The engine answers text, or bytes when SQL wrote the answer (as here: resources' plain fields).
    assert.equal(new TextDecoder().decode(answer.json), typeof expected.json === 'string' ? expected.json : new TextDecoder().decode(expected.json));
    assert.equal(answer.total, expected.total);
    await assert.rejects(t.queryJson(['from', 'nodes', ['=', 'nope', 1]]), QueryError);
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
