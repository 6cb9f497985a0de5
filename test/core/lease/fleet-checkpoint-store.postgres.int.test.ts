import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { PostgresFleetCheckpointStore } from '../../../core/lease/fleet-checkpoint-store.postgres.js';
import { PostgresShardLeaseStore } from '../../../core/lease/shard-lease-store.postgres.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());

describe('PostgresFleetCheckpointStore', { skip: postgresSkip }, () => {
  // Found by CI: three instances starting at once raced on CREATE TABLE IF NOT EXISTS (duplicate pg_type row).
  it('opens from several instances starting at once on a fresh database', async () => {
    const url = await server!.newDatabase();
    const leases = await PostgresShardLeaseStore.open({ connectionString: url, shards: 4 });
    const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresFleetCheckpointStore.open(url)));
    try {
      const lease = (await leases.claim('a', 60_000)).held.find((l) => l.shard === 0)!;
      assert.equal(await stores[0]!.save(lease, new Map([['pusher', 42]])), true);
      for (const s of stores) assert.deepEqual([...(await s.load())], [['pusher', 42]]);
    } finally {
      await Promise.all([...stores.map((s) => s.close()), leases.close()]);
    }
  });
});
