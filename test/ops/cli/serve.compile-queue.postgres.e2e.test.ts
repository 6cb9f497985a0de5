import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { eventually } from '../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { spawnServe } from '../../support/servers/serve-process.js';
import { stompTestFile } from '../../support/brokers/stomp.fixture.js';
import { answersPerRequest, bothConnected, BUSY_SITE, fleet, queueOf } from '../../support/servers/compile-queue.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());
const broker = stompTestFile('compile-queue', 61792);
const SHARDS = 8;

describe('compile jobs over the broker: two troupe serve instances on one PostgreSQL', { skip: postgresSkip, timeout: 90_000 }, () => {
  it('both compile from the one queue, every request is answered once; kill -9 of one: its unacknowledged jobs are redelivered to the other', async (t) => {
    const url = await server!.newDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'troupe-cq-'));
    const codeDir = writeSite(dir, 'production', BUSY_SITE);
    const serves = await Promise.all([0, 1].map((i) => spawnServe([
      '--data-dir', join(dir, `i${i}`), '--store', url, '--stomp-url', broker.broker.url, '--instance-id', `cq${i}`,
      '--lease-ms', '5000', '--shards', String(SHARDS), '--compiler', 'builtin', '--code-dir', codeDir,
      '--workers', '0', '--compile-concurrency', '1', '--log-level', 'warn',
    ], {}, 60_000)));
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await eventually(async () => (await Promise.all(serves.map(queueOf))).every(bothConnected), 20_000, 'both connected to the compile queue');
      await eventually(async () => {
        const { rows } = await db.query<{ n: string }>('SELECT count(DISTINCT holder) AS n FROM shard_leases WHERE expires_at > clock_timestamp()');
        return Number(rows[0]!.n) === 2;
      }, 30_000, 'the shards spread over both');

      // Part 1: the work is split between the instances, whoever holds the node.
      const first = await fleet(serves, 0, 60, 3000);
      const times = first.map((r) => r.timeToCatalogMs).sort((x, y) => x - y);
      t.diagnostic(`time to catalog: p50 ${Math.round(times[30]!)} ms, p90 ${Math.round(times[54]!)} ms`);
      assert.deepEqual(first.filter((r) => r.outcome !== 'ok').map((r) => `${r.certname}: ${r.error}`), [], 'every agent got its catalog');
      const [a, b] = await Promise.all(serves.map(queueOf));
      t.diagnostic(`instance 0: ${JSON.stringify(a)}; instance 1: ${JSON.stringify(b)}`);
      assert.ok(a!.consumed > 0 && b!.consumed > 0, 'both instances compiled');
      assert.equal(a!.published + b!.published, a!.consumed + b!.consumed, 'every job published was taken once');
      assert.equal(a!.local + b!.local + a!.timedOut + b!.timedOut, 0);
      assert.deepEqual(await answersPerRequest(db), { requests: 60, unanswered: 0, answeredOnce: 60, answeredMore: 0 });

      // Part 2: a burst, and instance 1 killed while it holds jobs it has not acknowledged.
      const second = fleet(serves, 1000, 80, 1000);
      await eventually(async () => (await queueOf(serves[1]!)).compiling > 0, 20_000, 'instance 1 compiling a job');
      serves[1]!.child.kill('SIGKILL');
      await serves[1]!.exited;
      const runs = await second;
      assert.deepEqual(runs.filter((r) => r.outcome !== 'ok').map((r) => `${r.certname}: ${r.error}`), [], 'every agent got its catalog');
      // Around the kill a request may have two outcomes (resumed by the new holder under another merge); none may have none.
      await eventually(async () => (await answersPerRequest(db)).unanswered === 0, 30_000, 'every request answered');
      const survivor = await queueOf(serves[0]!);
      t.diagnostic(`after the kill, instance 0: ${JSON.stringify(survivor)}`);
      assert.ok(survivor.redelivered > 0, "the killed instance's unacknowledged jobs came to the survivor");
    } finally {
      await db.end();
      for (const s of serves) s.child.kill('SIGKILL');
      await Promise.all(serves.map((s) => s.exited));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
