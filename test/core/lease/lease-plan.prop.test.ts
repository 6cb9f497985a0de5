import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyLeasePlan, fairShare, planLeases, type ShardLease } from '../../../core/lease/lease-plan.js';

const TTL = 1000;
const INSTANCES = ['a', 'b', 'c', 'd'];

/** A lease table and what each instance believes it holds (from its last claim, until that claim's time + TTL). */
class Model {
  leases: ShardLease[];
  now = 0;
  lastClaim = new Map<string, number>();
  views = new Map<string, { shards: Set<number>; until: number }>();
  crashed = new Set<string>();
  constructor(shards: number) {
    this.leases = Array.from({ length: shards }, (_, shard) => ({ shard, holder: null, epoch: 0, expiresAt: 0 }));
  }

  claim(me: string): void {
    this.lastClaim.set(me, this.now);
    const live = [...this.lastClaim.values()].filter((t) => t > this.now - TTL).length;
    const before = new Map(this.leases.map((l) => [l.shard, l]));
    const plan = planLeases({ leases: this.leases, me, now: this.now, liveInstances: live });
    this.leases = applyLeasePlan(this.leases, plan, me, this.now, TTL);
    for (const s of plan.take) assert.ok(this.leases[s]!.epoch > before.get(s)!.epoch, 'a take raises the fencing epoch');
    for (const s of plan.renew) assert.equal(this.leases[s]!.epoch, before.get(s)!.epoch, 'a renewal keeps the epoch');
    this.views.set(me, { shards: new Set([...plan.renew, ...plan.take]), until: this.now + TTL });
    assert.ok(plan.renew.length + plan.take.length <= fairShare(this.leases.length, live));
  }

  /** Instances whose view says they hold `shard` now. */
  holders(shard: number): string[] {
    return [...this.views].filter(([, v]) => v.shards.has(shard) && this.now < v.until).map(([i]) => i);
  }
}

const step = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('claim' as const), who: fc.constantFrom(...INSTANCES), dt: fc.integer({ min: 0, max: TTL * 1.5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), who: fc.constantFrom(...INSTANCES), dt: fc.constant(0) }) },
);

describe('shard lease planning (property)', () => {
  it('no two instances ever believe they hold the same shard, over any interleaving of claims, joins, late renewals and crashes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.array(step, { maxLength: 80 }), (shards, steps) => {
      const m = new Model(shards);
      for (const s of steps) {
        m.now += s.dt;
        if (s.kind === 'crash') m.crashed.add(s.who);
        else if (!m.crashed.has(s.who)) m.claim(s.who);
        for (let shard = 0; shard < shards; shard++) assert.ok(m.holders(shard).length <= 1, `shard ${shard} held by ${m.holders(shard).join(' and ')}`);
      }
    }), { numRuns: 500 });
  });

  it('instances renewing every third of the lease time come to hold every shard, none above its fair share, within three rounds of the last change', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), fc.subarray(INSTANCES, { minLength: 1 }), fc.subarray(INSTANCES), (shards, live, crashing) => {
      const m = new Model(shards);
      const round = (who: readonly string[]) => { for (const i of who) { m.now += Math.floor(TTL / 3 / who.length); m.claim(i); } };
      const all = [...new Set([...live, ...crashing])];
      for (let r = 0; r < 3; r++) round(all);
      // The crashing ones stop; the others go on: after the lease time plus three rounds, the survivors hold all.
      const survivors = all.filter((i) => !crashing.includes(i));
      if (survivors.length === 0) return;
      for (let r = 0; r < 6; r++) round(survivors);
      const held = new Map(survivors.map((i) => [i, [...(m.views.get(i)?.shards ?? [])].length]));
      assert.equal([...held.values()].reduce((a, b) => a + b, 0), shards, `every shard held: ${JSON.stringify([...held])}`);
      for (const n of held.values()) assert.ok(n <= fairShare(shards, survivors.length));
    }), { numRuns: 300 });
  });
});
