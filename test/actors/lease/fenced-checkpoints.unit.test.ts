import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FencedCheckpoints } from '../../../actors/lease/fenced-checkpoints.js';
import type { FleetCheckpointStore } from '../../../core/lease/fleet-checkpoint-store.js';
import type { ShardLease } from '../../../core/lease/lease-plan.js';

/** The shared store as PostgreSQL keeps it: a save lands only under the current leader epoch. */
class StoreInMemory implements FleetCheckpointStore {
  readonly rows = new Map<string, number>();
  leaderEpoch = 1;
  saves: Map<string, number>[] = [];
  failNext = false;
  async load() { return new Map(this.rows); }
  async save(lease: ShardLease, positions: ReadonlyMap<string, number>) {
    await new Promise((r) => setImmediate(r));
    if (this.failNext) { this.failNext = false; throw new Error('connection lost'); }
    if (lease.epoch !== this.leaderEpoch) return false;
    this.saves.push(new Map(positions));
    for (const [n, p] of positions) this.rows.set(n, p);
    return true;
  }
}
const lease = (epoch: number): ShardLease => ({ shard: 0, holder: 'me', epoch, expiresAt: 0 });

describe('FencedCheckpoints', () => {
  it('starts from what the last leader saved, reads its own writes at once, and coalesces writes behind one save', async () => {
    const store = new StoreInMemory();
    store.rows.set('deploy-feeder', 7);
    const c = await FencedCheckpoints.open(store, lease(1), () => undefined);
    assert.equal(c.get('deploy-feeder'), 7);
    assert.equal(c.get('never-set'), 0);
    for (let p = 8; p <= 20; p++) c.set('deploy-feeder', p);
    c.set('stomp-push', 3);
    assert.equal(c.get('deploy-feeder'), 20);
    await c.flush();
    assert.deepEqual([...store.rows].sort(), [['deploy-feeder', 20], ['stomp-push', 3]]);
    assert.ok(store.saves.length <= 2, `${store.saves.length} saves for 14 sets`);
  });

  it('a failed save is retried by the next flush; a newer position is not overwritten by the retry', async () => {
    const store = new StoreInMemory();
    const errors: unknown[] = [];
    const c = await FencedCheckpoints.open(store, lease(1), (e) => errors.push(e));
    store.failNext = true;
    c.set('a', 1);
    await c.flush();
    assert.equal(errors.length, 1);
    c.set('a', 2);
    await c.flush();
    assert.equal(store.rows.get('a'), 2);
  });

  it('once the store refuses (another leader), it writes nothing more', async () => {
    const store = new StoreInMemory();
    const old = await FencedCheckpoints.open(store, lease(1), () => undefined);
    old.set('a', 5);
    await old.flush();
    store.leaderEpoch = 2;
    const next = await FencedCheckpoints.open(store, lease(2), () => undefined);
    next.set('a', 9);
    await next.flush();
    old.set('a', 6);
    await old.flush();
    assert.equal(old.refused, true);
    old.set('a', 7);
    await old.flush();
    assert.equal(store.rows.get('a'), 9, 'the new leader’s checkpoint stands');
    assert.equal(next.refused, false);
  });
});
