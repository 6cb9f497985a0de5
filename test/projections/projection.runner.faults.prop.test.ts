import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Degradation } from '../../core/errors/resource-fault.js';
import type { RecordedEvent, TroupeEvent } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';
import { SqliteEventLog } from '../../core/log/sqlite/event-log.sqlite.js';
import { LogSubscription } from '../../core/log/log-subscription.js';
import { ProjectionRunner } from '../../projections/projection.runner.js';
import type { ApplyOutcome, Projection } from '../../projections/projection.types.js';
import { StoreconfigsProjection } from '../../projections/storeconfigs/storeconfigs.projection.js';
import { eventSequence } from './storeconfigs.arbitraries.js';
import { dumpTables, malformedEvent, tmpFiles } from './storeconfigs.fixture.js';
import { eventually } from '../support/eventually.js';

const files = tmpFiles('troupe-runner-faults-');
const FAULT_CODES = ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY'] as const;
const resourceFault = (code: string): Error => new Database.SqliteError('database or disk is full', code);

/** Per attempt: no fault, or a fault at the `at`-th event of the batch (mid-transaction) or on the read before it. */
const fault = fc.option(fc.record({ where: fc.constantFrom('read', 'apply'), at: fc.nat(40), code: fc.constantFrom(...FAULT_CODES) }), { nil: null, freq: 2 });
type Fault = { where: 'read' | 'apply'; at: number; code: string } | null;

/** A copy of `event` whose data cannot be read, as when the disk fails halfway through a batch's transaction. */
function failingAt(event: RecordedEvent, code: string): RecordedEvent {
  const copy = { ...event } as RecordedEvent;
  Object.defineProperty(copy, 'data', { get: () => { throw resourceFault(code); } });
  return copy;
}

/** The real storeconfigs projection, with faults injected into the attempts the schedule names. */
class FaultyProjection implements Projection {
  readonly name: string;
  constructor(readonly inner: StoreconfigsProjection, private readonly schedule: Fault[]) {
    this.name = inner.name;
  }
  get checkpoint(): number {
    return this.inner.checkpoint;
  }
  apply(batch: readonly RecordedEvent[]): ApplyOutcome {
    const f = this.schedule.shift();
    if (f?.where !== 'apply') return this.inner.apply(batch);
    const i = f.at % batch.length;
    return this.inner.apply(batch.map((e, j) => (j === i ? failingAt(e, f.code) : e)));
  }
  /** Reads fail when the next scheduled fault is a read fault. */
  read(log: EventLog): Pick<EventLog, 'read'> {
    return {
      read: (from, options) => {
        if (this.schedule[0]?.where !== 'read') return log.read(from, options);
        const f = this.schedule.shift()!;
        return Promise.reject(resourceFault(f.code));
      },
    };
  }
}

async function logOf(events: readonly TroupeEvent[]): Promise<SqliteEventLog> {
  const log = new SqliteEventLog({ path: ':memory:' });
  await log.append(events.map((event) => ({ event })));
  return log;
}

/** Every table after projecting `events` in one batch, no faults. */
async function faultFree(events: readonly RecordedEvent[]): Promise<Record<string, string[]>> {
  const p = StoreconfigsProjection.open({ path: files.path(), reportRetention: 3 });
  p.apply(events);
  const dump = dumpTables(p.database.raw);
  await p.close();
  return dump;
}

describe('ProjectionRunner under resource faults', () => {
  it('projects exactly what a fault-free run projects, for any fault schedule, and records no fault as a bad event', async () => {
    // Invariant: a batch that fails on a resource fault rolls back with its
    // checkpoint and is read and applied again whole, so faults change
    // when events are projected, never what is projected. Malformed events
    // are still recorded once each; a fault is never recorded.
    const arb = eventSequence(30).chain((es) => fc.tuple(
      fc.constant(es), fc.uniqueArray(fc.nat(es.length), { maxLength: 2 }), fc.array(fault, { maxLength: 25 }), fc.integer({ min: 1, max: 8 })));
    await fc.assert(fc.asyncProperty(arb, async ([es, spots, schedule, batchSize]) => {
      const sequence: TroupeEvent[] = [...es];
      for (const i of [...spots].sort((a, b) => b - a)) sequence.splice(i, 0, malformedEvent(i));
      const log = await logOf(sequence);
      const all = await log.read(0, { limit: 1000 });
      const projection = new FaultyProjection(StoreconfigsProjection.open({ path: files.path(), reportRetention: 3 }), [...schedule]);
      const errors: unknown[] = [];
      const changes: (Degradation | undefined)[] = [];
      const runner = new ProjectionRunner({ subscribe: (o) => new LogSubscription(projection.read(log), o, () => new Promise((r) => setTimeout(r, 1))) }, projection, {
        batchSize, backoff: { initialMs: 1, maxMs: 4 }, onError: (e) => errors.push(e), onHealthChange: (now) => changes.push(now),
      });
      try {
        await eventually(() => runner.position === all.at(-1)!.position || errors.length > 0, 10_000, 'the runner to catch up');
        assert.deepEqual(errors, []);
        assert.equal(runner.degradation, undefined, 'the last successful batch ended any episode');
        // Transitions alternate degraded, recovered, …, ending recovered.
        assert.ok(changes.every((c, i) => (i % 2 === 0) === (c !== undefined)) && changes.length % 2 === 0, JSON.stringify(changes));
        assert.deepEqual(dumpTables(projection.inner.database.raw), await faultFree(all));
      } finally {
        await runner.stop();
        await projection.inner.close();
        await log.close();
      }
    }), { numRuns: 40 });
  });

  it('stops promptly while waiting to retry, and retries nothing after', async () => {
    const log = await logOf([malformedEvent(0)]);
    let attempts = 0;
    const broken: Projection = {
      name: 'broken', checkpoint: 0,
      apply: () => { attempts++; throw resourceFault('SQLITE_FULL'); },
    };
    const runner = new ProjectionRunner(log, broken, { backoff: { initialMs: 50, maxMs: 50 } });
    await eventually(() => runner.degradation !== undefined, 2000, 'the first fault');
    assert.equal(runner.state, 'running', 'a resource fault does not stop the runner');
    const started = Date.now();
    await runner.stop();
    assert.ok(Date.now() - started < 40, 'stop() does not wait out the back-off');
    const seen = attempts;
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(attempts, seen);
    assert.equal(runner.position, 0);
    await log.close();
  });
});
