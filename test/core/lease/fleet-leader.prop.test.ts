import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LEADER_SHARD, leaderLease, sameLeadership } from '../../../core/lease/fleet-leader.js';
import { applyLeasePlan, planLeases, type ShardLease } from '../../../core/lease/lease-plan.js';

const TTL = 1000;
const INSTANCES = ['a', 'b', 'c', 'd'];

/** The lease table, and what each instance's keeper believes it holds: its last claim's leases until that claim's time + TTL. */
class Fleet {
  leases: ShardLease[];
  now = 0;
  lastClaim = new Map<string, number>();
  views = new Map<string, { held: Map<number, ShardLease>; until: number }>();
  crashed = new Set<string>();
  constructor(shards: number) {
    this.leases = Array.from({ length: shards }, (_, shard) => ({ shard, holder: null, epoch: 0, expiresAt: 0 }));
  }

  claim(me: string): void {
    this.lastClaim.set(me, this.now);
    const live = [...this.lastClaim.values()].filter((t) => t > this.now - TTL).length;
    const plan = planLeases({ leases: this.leases, me, now: this.now, liveInstances: live });
    this.leases = applyLeasePlan(this.leases, plan, me, this.now, TTL);
    const held = new Map([...plan.renew, ...plan.take].map((s) => [s, this.leases[s]!]));
    this.views.set(me, { held, until: this.now + TTL });
  }

  /** Each instance's leadership now, as `leaderLease` reads it from the keeper's view. */
  leaders(): [string, ShardLease][] {
    return [...this.views].flatMap(([i, v]): [string, ShardLease][] => {
      const lease = this.now < v.until ? leaderLease(v.held) : undefined;
      return lease ? [[i, lease]] : [];
    });
  }
}

const step = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('claim' as const), who: fc.constantFrom(...INSTANCES), dt: fc.integer({ min: 0, max: TTL * 1.5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), who: fc.constantFrom(...INSTANCES), dt: fc.constant(0) }) },
);

describe('fleet leadership: the holder of shard 0 (property)', () => {
  it('never two leaders at once, and every new leadership has a higher epoch, over any interleaving of claims, joins, late renewals and crashes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 24 }), fc.array(step, { maxLength: 80 }), (shards, steps) => {
      const fleet = new Fleet(shards);
      let last: ShardLease | undefined;
      for (const s of steps) {
        fleet.now += s.dt;
        if (s.kind === 'crash') fleet.crashed.add(s.who);
        else if (!fleet.crashed.has(s.who)) fleet.claim(s.who);
        const leaders = fleet.leaders();
        assert.ok(leaders.length <= 1, `two leaders: ${leaders.map(([i, l]) => `${i}@${l.epoch}`).join(', ')}`);
        const now = leaders[0]?.[1];
        if (now && last && !sameLeadership(now, last)) assert.ok(now.epoch > last.epoch, 'a new leadership fences the old one');
        if (now) {
          assert.equal(now.shard, LEADER_SHARD);
          last = now;
        }
      }
    }), { numRuns: 500 });
  });

  it('instances renewing on time always have a leader within three rounds, whoever crashed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 24 }), fc.subarray(INSTANCES, { minLength: 1 }), fc.subarray(INSTANCES), (shards, live, crashing) => {
      const fleet = new Fleet(shards);
      const round = (who: readonly string[]) => { for (const i of who) { fleet.now += Math.floor(TTL / 3 / who.length); fleet.claim(i); } };
      const all = [...new Set([...live, ...crashing])];
      for (let r = 0; r < 3; r++) round(all);
      const survivors = all.filter((i) => !crashing.includes(i));
      if (survivors.length === 0) return;
      for (let r = 0; r < 6; r++) round(survivors);
      const leaders = fleet.leaders();
      assert.equal(leaders.length, 1);
      assert.ok(survivors.includes(leaders[0]![0]), 'a survivor leads');
    }), { numRuns: 300 });
  });
});
