import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { FactsSubmitted, RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { cuts, eventSequence, splitAt } from '../storeconfigs.arbitraries.js';
import { dumpTables, malformedEvent, recorded, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-sc-prop-');
const RUNS = { numRuns: 40 };

/** Applies batches to a fresh file and returns every table, sorted. */
async function project(batches: readonly (readonly RecordedEvent[])[]): Promise<Record<string, string[]>> {
  const p = StoreconfigsProjection.open({ path: files.path(), reportRetention: 3 });
  for (const b of batches) p.apply(b);
  const dump = dumpTables(p.database.raw);
  await p.close();
  return dump;
}

describe('StoreconfigsProjection properties', () => {
  it('gives the same database for any batch split of the same events', async () => {
    // Invariant: the projection is a function of the event sequence alone; batch boundaries (one transaction each) are invisible.
    await fc.assert(fc.asyncProperty(eventSequence().chain((es) => fc.tuple(fc.constant(es), cuts(es.length))), async ([es, points]) => {
      const events = recorded(es);
      assert.deepEqual(await project(splitAt(events, points)), await project([events]));
    }), RUNS);
  });

  it('changes nothing when any event or batch is delivered again', async () => {
    // Invariant: events at or below the checkpoint are skipped, so redelivery (at-least-once transport) has exactly-once effect.
    await fc.assert(fc.asyncProperty(
      eventSequence().chain((es) => fc.tuple(fc.constant(es), fc.nat(es.length - 1), fc.nat(es.length - 1), fc.nat(es.length))),
      async ([es, i, j, k]) => {
        const events = recorded(es);
        const [lo, hi] = i <= j ? [i, j] : [j, i];
        const once = await project([events]);
        // Deliver a prefix, then an overlapping batch re-sending lo…hi, then everything again.
        const again = await project([events.slice(0, k), events.slice(Math.min(lo, k), Math.max(hi + 1, k)), events, events.slice(lo, hi + 1)]);
        assert.deepEqual(again, once);
      }), RUNS);
  });

  it('resumes from its checkpoint after a crash between any two events as if never interrupted', async () => {
    // Invariant: a batch's effects and its checkpoint commit together, so a process killed mid-batch loses the whole batch and nothing else.
    await fc.assert(fc.asyncProperty(
      eventSequence().chain((es) => fc.tuple(fc.constant(es), fc.nat(es.length), fc.nat(es.length), cuts(es.length))),
      async ([es, committed, crashedAfter, points]) => {
        const events = recorded(es);
        const expected = await project([events]);
        const path = files.path();
        const first = StoreconfigsProjection.open({ path, reportRetention: 3 });
        for (const b of splitAt(events.slice(0, committed), points.filter((x) => x < committed))) first.apply(b);
        // The next batch dies partway: its first events are applied, then the process "crashes" (the handler throws).
        const doomed = [...events.slice(committed, committed + crashedAfter), diskFailure(events.length + 1)];
        assert.throws(() => first.apply(doomed));
        first.database.raw.close(); // no orderly shutdown
        const second = StoreconfigsProjection.open({ path, reportRetention: 3 });
        assert.equal(second.checkpoint, committed === 0 ? 0 : events[committed - 1]!.position);
        second.apply(events.filter((e) => e.position > second.checkpoint));
        const dump = dumpTables(second.database.raw);
        await second.close();
        assert.deepEqual(dump, expected);
      }), RUNS);
  });

  it('skips a malformed event, records why, and stores what the other events alone would', async () => {
    // Invariant: a logged event no handler can apply changes nothing but its projection_failures row, and stops nothing after it.
    await fc.assert(fc.asyncProperty(
      eventSequence().chain((es) => fc.tuple(fc.constant(es), fc.uniqueArray(fc.nat(es.length), { minLength: 1, maxLength: 3 }), cuts(es.length + 3))),
      async ([es, spots, points]) => {
        // Malformed events logged at random spots among the good ones.
        const sequence: TroupeEvent[] = [...es];
        for (const i of [...spots].sort((a, b) => b - a)) sequence.splice(i, 0, malformedEvent(i));
        const mixed = recorded(sequence);
        const bad = mixed.filter((e) => e.id.startsWith('malformed-'));
        const good = mixed.filter((e) => !bad.includes(e));
        const p = StoreconfigsProjection.open({ path: files.path(), reportRetention: 3 });
        const failed = splitAt(mixed, points).flatMap((b) => p.apply(b).failed);
        assert.equal(p.checkpoint, mixed.at(-1)!.position);
        const { projection_failures: failures, checkpoint: _c1, ...dump } = dumpTables(p.database.raw);
        await p.close();
        assert.deepEqual(failed.map((f) => f.position).sort((a, b) => a - b), bad.map((e) => e.position));
        assert.equal(failures!.length, bad.length);
        assert.ok(failed.every((f) => f.reason.length > 0), 'every failure says why');
        const { projection_failures: none, checkpoint: _c2, ...expected } = await project([good]);
        assert.deepEqual(none, []);
        assert.deepEqual(dump, expected);
      }), RUNS);
  });

  it('keeps the facts with the newest producer timestamp whatever order they arrive in', async () => {
    // Invariant: facts replacement is decided by (producer timestamp, event id), never by arrival order.
    const factsArb = fc.uniqueArray(
      fc.record({ minute: fc.nat(1000), os: fc.string({ maxLength: 4 }), extra: fc.boolean() }), { minLength: 1, maxLength: 12, selector: (r) => r.minute },
    ).map((rs) => rs.map((r, i): FactsSubmitted => {
      const ts = new Date(Date.UTC(2026, 0, 1, 0, r.minute)).toISOString();
      return { type: 'facts_submitted', id: `f${i}`, stream: 'a.example', time: ts, meta: { source: 'test' },
        data: { environment: 'production', producerTimestamp: ts, producer: 'p', values: r.extra ? { os: r.os, extra: 1 } : { os: r.os } } };
    }));
    await fc.assert(fc.asyncProperty(factsArb.chain((fs) => fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs, { minLength: fs.length }))), async ([inOrder, shuffled]) => {
      const newest = [...inOrder].sort((x, y) => x.data.producerTimestamp.localeCompare(y.data.producerTimestamp)).at(-1)!;
      const a = await project([recorded(inOrder)]);
      const b = await project([recorded(shuffled)]);
      assert.deepEqual(b.facts, a.facts);
      assert.deepEqual(a.facts, Object.entries(newest.data.values).map(([k, v]) => JSON.stringify(['a.example', k, JSON.stringify(v)])).sort());
    }), RUNS);
  });
});

/** An event whose reading fails as a broken disk would: stands in for a crash mid-batch. */
function diskFailure(position: number): RecordedEvent {
  const event = { ...malformedEvent(position), position, version: 1 } as RecordedEvent;
  Object.defineProperty(event, 'data', { get: () => { throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR'); } });
  return event;
}
