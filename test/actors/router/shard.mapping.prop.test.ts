import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shardOf } from '../../../actors/router/shard.js';

const certname = fc.stringMatching(/^[a-z0-9_][a-z0-9._-]{0,60}$/);

describe('shardOf', () => {
  // Invariant: every certname maps to exactly one live worker slot, and the
  // same one every time while the number of slots stays the same — so one
  // node's work always lands on one worker.
  it('maps every certname to one slot in range, stably', () => {
    fc.assert(fc.property(certname, fc.integer({ min: 1, max: 64 }), (name, slots) => {
      const s = shardOf(name, slots);
      assert.ok(Number.isInteger(s) && s >= 0 && s < slots);
      assert.equal(shardOf(name, slots), s);
      assert.equal(shardOf(`${name}`.slice(0), slots), s);
    }));
  });

  // Invariant: a fleet spreads over the workers (no worker idle while
  // another holds most nodes).
  it('spreads a fleet evenly', () => {
    for (const slots of [2, 3, 8]) {
      const counts = new Array<number>(slots).fill(0);
      for (let i = 0; i < 20_000; i++) counts[shardOf(`web${i}.example.com`, slots)]!++;
      for (const c of counts) assert.ok(Math.abs(c - 20_000 / slots) < (20_000 / slots) * 0.1, `uneven: ${counts}`);
    }
  });
});
