import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ShardLeaseKeeper } from '../../../actors/lease/shard-lease-keeper.js';
import { PostgresShardLeaseStore } from '../../../core/lease/shard-lease-store.postgres.js';
import { eventually } from '../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());
const SHARDS = 16;
const TTL = 1500;

describe('ShardLeaseKeeper on PostgreSQL', { skip: postgresSkip }, () => {
  it('two instances share the shards; when one loses the database its shards move to the other within the lease time, never held by both', async (t) => {
    const url = await server!.newDatabase();
    const stores = await Promise.all([0, 1].map(() => PostgresShardLeaseStore.open({ connectionString: url, shards: SHARDS })));
    const changes: string[] = [];
    const keepers = ['a', 'b'].map((instance) => new ShardLeaseKeeper(stores[instance === 'a' ? 0 : 1]!, {
      instance, ttlMs: TTL, renewEveryMs: 300, marginMs: 300, onChange: (held) => changes.push(`${instance}:${held.size}`), onError: () => undefined,
    }));
    const [a, b] = keepers as [ShardLeaseKeeper, ShardLeaseKeeper];
    // Sampled every 10 ms throughout: no shard is ever held by both.
    const overlap: number[] = [];
    const sampler = setInterval(() => { for (let s = 0; s < SHARDS; s++) if (a.holds(s) && b.holds(s)) overlap.push(s); }, 10);
    try {
      await a.start();
      assert.equal(a.status().held, SHARDS);
      await b.start();
      await eventually(() => a.status().held === 8 && b.status().held === 8, 5000, 'an even split');

      // a's database connection goes away (its process hangs, say): it stops holding by itself, b takes over.
      const lost = performance.now();
      await stores[0]!.close();
      await eventually(() => b.status().held === SHARDS, 10_000, 'b holds every shard');
      const takeoverMs = performance.now() - lost;
      assert.equal(a.status().held, 0);
      assert.ok(a.status().failedClaims > 0);
      t.diagnostic(`takeover after losing the database: ${Math.round(takeoverMs)} ms (lease ${TTL} ms, renewal every 300 ms)`);
      assert.ok(takeoverMs < TTL + 2 * 300 + 500, `takeover took ${Math.round(takeoverMs)} ms (lease ${TTL} ms)`);
      assert.deepEqual(overlap, []);
      assert.ok(changes.includes('a:0'), `a was told it lost its shards: ${changes.join(' ')}`);
    } finally {
      clearInterval(sampler);
      await b.close();
      await stores[1]!.close();
    }
  });

  it('a clean shutdown gives the shards back at once', async () => {
    const url = await server!.newDatabase();
    const stores = await Promise.all([0, 1].map(() => PostgresShardLeaseStore.open({ connectionString: url, shards: SHARDS })));
    const a = await new ShardLeaseKeeper(stores[0]!, { instance: 'a', ttlMs: 60_000 }).start();
    const b = await new ShardLeaseKeeper(stores[1]!, { instance: 'b', ttlMs: 60_000, renewEveryMs: 200 }).start();
    try {
      assert.equal(b.status().held, 0);
      await a.close();
      await eventually(() => b.status().held === SHARDS, 3000, 'b takes every shard well before the 60 s lease would run out');
    } finally {
      await b.close();
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
