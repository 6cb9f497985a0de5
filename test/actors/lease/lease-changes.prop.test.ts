import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { leaseChanges, type LeaseChange } from '../../../actors/lease/lease-changes.js';
import type { ShardLease } from '../../../core/lease/lease-plan.js';

const OF = 8;
/** Successive "held now" maps: each shard held or not, with an epoch from a small range (a retake raises it). */
const heldSequence = fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), { minLength: OF, maxLength: OF }), { maxLength: 20 })
  .map((steps) => steps.map((epochs) => new Map<number, ShardLease>(epochs.flatMap((epoch, shard) => (epoch === undefined ? [] : [[shard, { shard, holder: 'me', epoch, expiresAt: 0 }]])))));

describe('leaseChanges', () => {
  it('what was gained minus what was lost always adds up to what is held; a retake under a new epoch is a loss and a gain', () => {
    fc.assert(fc.property(heldSequence, (steps) => {
      const changes: LeaseChange[] = [];
      const onHeld = leaseChanges(OF, (c) => changes.push(c));
      let mine = new Map<number, number>(); // shard → epoch, as the owner tracks it from the changes alone
      let before = new Map<number, ShardLease>();
      for (const held of steps) {
        changes.length = 0;
        onHeld(held);
        for (const c of changes) {
          assert.equal(c.gained.of, OF);
          for (const s of c.lost.shards) {
            assert.ok(mine.has(s), `lost shard ${s} was held`);
            mine.delete(s);
          }
          for (const s of c.gained.shards) {
            assert.ok(!mine.has(s), `gained shard ${s} was not held`);
            mine.set(s, held.get(s)!.epoch);
          }
        }
        assert.deepEqual(new Map([...held].map(([s, l]) => [s, l.epoch])), mine);
        const retaken = [...held.keys()].filter((s) => before.has(s) && before.get(s)!.epoch !== held.get(s)!.epoch);
        for (const s of retaken) assert.ok(changes.some((c) => c.lost.shards.includes(s) && c.gained.shards.includes(s)), `shard ${s} retaken`);
        if (changes.length === 0) assert.deepEqual([...held].map(([s, l]) => [s, l.epoch]), [...before].map(([s, l]) => [s, l.epoch]), 'silent only when nothing changed');
        before = held;
        mine = new Map(mine);
      }
    }));
  });
});
