import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordedEvent } from '../../core/events/event.types.js';
import { SqliteEventLog } from '../../core/log/sqlite/event-log.sqlite.js';
import { ProjectionRunner } from '../../projections/projection.runner.js';
import type { ApplyOutcome, Projection } from '../../projections/projection.types.js';
import { factsEvent } from '../support/events.fixture.js';
import { tmpFiles } from './storeconfigs.fixture.js';

const files = tmpFiles('troupe-runner-');

/** A slow in-memory projection that records what it saw; fails on a chosen position. */
class SlowProjection implements Projection {
  readonly name = 'slow';
  checkpoint = 0;
  finished: number[] = [];
  sizes: number[] = [];
  constructor(private readonly failAt = Infinity, private readonly delayMs = 20) {}
  async apply(batch: readonly RecordedEvent[]): Promise<ApplyOutcome> {
    this.sizes.push(batch.length);
    await new Promise((r) => setTimeout(r, this.delayMs));
    if (batch.some((e) => e.position === this.failAt)) throw new Error('projection broke');
    this.checkpoint = batch.at(-1)!.position;
    this.finished.push(this.checkpoint);
    return { applied: batch.length, skipped: 0, failed: [], position: this.checkpoint };
  }
}

describe('ProjectionRunner lifecycle', () => {
  it('stop() waits for the in-flight batch and nothing runs after it', async () => {
    const log = new SqliteEventLog({ path: files.path() });
    await log.append(Array.from({ length: 20 }, (_, i) => ({ event: factsEvent(`n${i}`) })));
    const p = new SlowProjection();
    const runner = new ProjectionRunner(log, p, { batchSize: 5 });
    while (p.finished.length === 0) await new Promise((r) => setTimeout(r, 2));
    await runner.stop();
    const atStop = [...p.finished];
    assert.equal(runner.position, atStop.at(-1));
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(p.finished, atStop);
    assert.equal(runner.lag(20), 20 - runner.position);
    await log.close();
  });

  it('stops and reports a failing batch without moving the position', async () => {
    const log = new SqliteEventLog({ path: files.path() });
    await log.append(Array.from({ length: 12 }, (_, i) => ({ event: factsEvent(`n${i}`) })));
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(log, new SlowProjection(8), { batchSize: 5, onError: (e) => errors.push(e) });
    while (errors.length === 0) await new Promise((r) => setTimeout(r, 2));
    assert.equal(runner.state, 'failed');
    assert.equal(runner.position, 5);
    await runner.stop();
    await log.close();
  });

  it('a lone event is applied at once; events arriving while it lingers share the next batch; stop() ends a linger', async () => {
    const log = new SqliteEventLog({ path: files.path(), pollIntervalMs: 5 });
    const p = new SlowProjection(Infinity, 0);
    const runner = new ProjectionRunner(log, p, { batchSize: 50, lingerMs: 1500 });
    await log.append([{ event: factsEvent('first') }]);
    const appended = Date.now();
    while (p.finished.length === 0) await new Promise((r) => setTimeout(r, 2));
    assert.ok(Date.now() - appended < 1000, 'the first event did not wait for a linger');
    // One at a time, during the linger that follows the one-event batch.
    for (let i = 0; i < 5; i++) await log.append([{ event: factsEvent(`n${i}`) }]);
    while (runner.position < 6) await new Promise((r) => setTimeout(r, 2));
    assert.deepEqual(p.sizes, [1, 5]);
    const stopping = Date.now();
    await runner.stop();
    assert.ok(Date.now() - stopping < 1000, 'stop() ended the linger');
    await log.close();
  });

  it('refuses a negative or fractional lingerMs', () => {
    const p = new SlowProjection();
    for (const lingerMs of [-1, 0.5]) {
      assert.throws(() => new ProjectionRunner({ subscribe: () => { throw new Error('unreachable'); } }, p, { lingerMs }), { code: 'config_invalid' });
    }
  });
});
