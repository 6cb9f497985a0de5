import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { PostgresShardLeaseStore } from '../../../core/lease/shard-lease-store.postgres.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());
const MINUTE = 60_000;

describe('PostgresShardLeaseStore', { skip: postgresSkip }, () => {
  it('lets one instance take every shard, then shares them fairly with one that joins, raising the epoch of each shard that moves', async () => {
    const url = await server!.newDatabase();
    const [a, b] = await Promise.all([PostgresShardLeaseStore.open({ connectionString: url, shards: 16 }), PostgresShardLeaseStore.open({ connectionString: url, shards: 16 })]);
    try {
      const alone = await a.claim('a', MINUTE);
      assert.deepEqual(alone.held.map((l) => [l.shard, l.holder, l.epoch]), Array.from({ length: 16 }, (_, s) => [s, 'a', 1]));
      assert.equal(alone.liveInstances, 1);
      // b joins: nothing is free yet; a gives back what is above its share; b takes it.
      assert.deepEqual((await b.claim('b', MINUTE)).held, []);
      assert.deepEqual((await a.claim('a', MINUTE)).held.map((l) => l.shard), [0, 1, 2, 3, 4, 5, 6, 7]);
      const joined = await b.claim('b', MINUTE);
      assert.deepEqual(joined.held.map((l) => [l.shard, l.epoch]), [8, 9, 10, 11, 12, 13, 14, 15].map((s) => [s, 2]));
      assert.equal(joined.liveInstances, 2);
      // A renewal keeps the epoch and pushes the expiry.
      const renewed = await a.claim('a', MINUTE);
      assert.ok(renewed.held.every((l) => l.epoch === 1 && l.expiresAt >= renewed.now + MINUTE - 1));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('never gives two instances the same shard, however many claims race; an expired lease is taken over; release frees at once', async () => {
    const url = await server!.newDatabase();
    const stores = await Promise.all(['a', 'b', 'c'].map(() => PostgresShardLeaseStore.open({ connectionString: url, shards: 32 })));
    try {
      const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 3]!.claim('abc'[i % 3]!, MINUTE).then((c) => ({ who: 'abc'[i % 3]!, c }))));
      // Each instance's newest claim: its held sets are disjoint (all still valid for a minute).
      const newest = new Map<string, Set<number>>();
      for (const { who, c } of claims.sort((x, y) => x.c.now - y.c.now)) newest.set(who, new Set(c.held.map((l) => l.shard)));
      const seen = new Set<number>();
      for (const held of newest.values()) for (const s of held) { assert.ok(!seen.has(s), `shard ${s} held twice`); seen.add(s); }

      // c claims with a lease of 200 ms and goes silent: its shards are free once it expires, and a and b take them.
      const short = await stores[2]!.claim('c', 200);
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 3; i++) for (const [j, who] of ['a', 'b'].entries()) await stores[j]!.claim(who, MINUTE);
      const leases = await stores[0]!.leases();
      for (const l of short.held) assert.ok(['a', 'b'].includes(leases[l.shard]!.holder!) && leases[l.shard]!.epoch > l.epoch, `shard ${l.shard} taken over`);
      assert.ok(leases.every((l) => l.holder === 'a' || l.holder === 'b'));

      await stores[0]!.release('a');
      const freed = await stores[1]!.claim('b', MINUTE);
      assert.equal(freed.held.length, 32);
      assert.equal(freed.liveInstances, 1, 'a released is no longer counted live');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses to open with a shard count other than the table has', async () => {
    const url = await server!.newDatabase();
    const first = await PostgresShardLeaseStore.open({ connectionString: url, shards: 8 });
    await first.close();
    await assert.rejects(PostgresShardLeaseStore.open({ connectionString: url, shards: 16 }), { code: 'config_invalid', message: /the lease table has 8 shards; every instance must use the same count \(asked for 16\)/ });
  });
});
