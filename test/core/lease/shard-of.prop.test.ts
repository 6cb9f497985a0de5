import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shardOf } from '../../../core/lease/shard-of.js';

describe('shardOf (property)', () => {
  it('puts every certname in one shard in range, the same one every time', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 4096 }), (certname, shards) => {
      const s = shardOf(certname, shards);
      assert.ok(Number.isInteger(s) && s >= 0 && s < shards);
      assert.equal(shardOf(certname, shards), s);
    }));
  });

  it('spreads a fleet evenly: 10,000 nodes over 64 shards, every shard within 35 % of the mean (4 standard deviations)', () => {
    const counts = new Array<number>(64).fill(0);
    for (let i = 0; i < 10_000; i++) counts[shardOf(`node${i}.example.com`, 64)]!++;
    const mean = 10_000 / 64;
    for (const c of counts) assert.ok(Math.abs(c - mean) < mean * 0.35, `a shard has ${c} nodes (mean ${mean})`);
  });
});
