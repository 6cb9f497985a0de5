import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { agentRun, type AgentRunResult } from '../../../ops/fleet/fleet-agent.js';
import { eventually } from '../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';
import { stompTestFile } from '../../support/brokers/stomp.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());
const broker = stompTestFile('compile-queue', 61792);
/** Some work per compile (a fold over 20,000 numbers), so a job is still being compiled when its instance is killed. */
const SITE = "node default { $sum = 20000.reduce(0) |$a, $i| { $a + $i }\n notify { \"hello ${facts['networking']['hostname']} ${sum}\": } }\n";
const SHARDS = 8;

interface QueueStatus { connections: { publish: { state: string }; consume: { state: string } }; published: number; local: number; consumed: number; redelivered: number; duplicates: number; timedOut: number; compiling: number }
const queueOf = async (s: ServeProcess): Promise<QueueStatus> => ((await (await fetch(`${s.url}/status`)).json()) as { compileQueue: QueueStatus }).compileQueue;

/** `count` agents from `first`, starting over `splayMs`, each at instance `i % 2` first with the other as its fail-over. */
function fleet(serves: readonly ServeProcess[], first: number, count: number, splayMs: number): Promise<AgentRunResult[]> {
  return Promise.all(Array.from({ length: count }, async (_, k) => {
    await new Promise((r) => setTimeout(r, (k / count) * splayMs));
    const list = serves.map((s) => s.url);
    const serverList = k % 2 === 0 ? list : [...list].reverse();
    return agentRun(first + k, { url: serverList[0]!, serverList, api: 'v4', requestTimeoutMs: 60_000, runTimeoutMs: 120_000, report: false, retryAfterScale: 0.1 });
  }));
}

describe('compile jobs over the broker: two troupe serve instances on one PostgreSQL', { skip: postgresSkip, timeout: 90_000 }, () => {
  it('both compile from the one queue, every request is answered once; kill -9 of one: its unacknowledged jobs are redelivered to the other', async (t) => {
    const url = await server!.newDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'troupe-cq-'));
    const codeDir = writeSite(dir, 'production', SITE);
    const serves = await Promise.all([0, 1].map((i) => spawnServe([
      '--data-dir', join(dir, `i${i}`), '--store', url, '--stomp-url', broker.broker.url, '--instance-id', `cq${i}`,
      '--lease-ms', '5000', '--shards', String(SHARDS), '--compiler', 'builtin', '--code-dir', codeDir,
      '--workers', '0', '--compile-concurrency', '1', '--log-level', 'warn',
    ], {}, 60_000)));
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await eventually(async () => (await Promise.all(serves.map(queueOf))).every((q) => q?.connections.publish.state === 'connected' && q.connections.consume.state === 'connected'), 20_000, 'both connected to the compile queue');
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
      assert.deepEqual(await answersPerRequest(db), { requests: 60, answeredOnce: 60 });

      // Part 2: a burst, and instance 1 killed while it holds jobs it has not acknowledged.
      const second = fleet(serves, 1000, 80, 1000);
      await eventually(async () => (await queueOf(serves[1]!)).compiling > 0, 20_000, 'instance 1 compiling a job');
      serves[1]!.child.kill('SIGKILL');
      await serves[1]!.exited;
      const runs = await second;
      assert.deepEqual(runs.filter((r) => r.outcome !== 'ok').map((r) => `${r.certname}: ${r.error}`), [], 'every agent got its catalog');
      // Around the kill a request may have two outcomes (resumed by the new holder under another merge); none may have none.
      await eventually(async () => (await unanswered(db)) === 0, 30_000, 'every request answered');
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

/** Outcomes naming each request (by its id in the outcome's data). */
const PER_REQUEST = `SELECT r.event_id, (SELECT count(*) FROM events o WHERE o.type IN ('catalog_compiled', 'compile_failed') AND o.stream = r.stream
  AND o.position > r.position AND o.data LIKE '%' || r.event_id || '%') AS n FROM events r WHERE r.type = 'catalog_requested'`;

async function answersPerRequest(db: pg.Client): Promise<{ requests: number; answeredOnce: number }> {
  const { rows } = await db.query<{ n: string }>(PER_REQUEST);
  return { requests: rows.length, answeredOnce: rows.filter((r) => Number(r.n) === 1).length };
}

async function unanswered(db: pg.Client): Promise<number> {
  return (await db.query<{ n: string }>(PER_REQUEST)).rows.filter((r) => Number(r.n) === 0).length;
}
