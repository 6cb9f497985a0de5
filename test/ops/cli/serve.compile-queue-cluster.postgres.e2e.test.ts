import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { AgentRunResult } from '../../../ops/fleet/fleet-agent.js';
import { eventually } from '../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { spawnServe, workerPids, type ServeProcess } from '../../support/servers/serve-process.js';
import { stompTestFile } from '../../support/brokers/stomp.fixture.js';
import { answersPerRequest, bothConnected, fleet, queueOf } from '../../support/servers/compile-queue.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());
const broker = stompTestFile('compile-queue-cluster', 61801);
const SHARDS = 8;
const WORKERS = 2;
/**
 * The compile-queue site, and a fold over 900,000 numbers more (~0.25 s)
 * for the nodes of parts 2 and 3 (indexes 1000–2999): their bursts queue
 * up in the cluster's workers, so the kills find jobs there.
 */
const SITE = `node default {
  $rounds = $facts['networking']['hostname'] ? { /^[a-z]+0[12]\\d{3}$/ => 1, default => 0 }
  $heavy = $rounds.map |$k| { 900000.reduce(0) |$a, $i| { $a + $i } }
  $sum = 20000.reduce(0) |$a, $i| { $a + $i }
  notify { "hello \${facts['networking']['hostname']} \${sum}": }
}
`;

/** `ps` lines of `pid` and its children, for a failure's message. */
const processesOf = (pid: number): string => execFileSync('ps', ['-eo', 'pid,ppid,stat,etime,args']).toString().split('\n').filter((l) => l.includes(` ${pid} `)).join('\n');

const failures = (runs: readonly AgentRunResult[]): string[] => runs.filter((r) => r.outcome !== 'ok').map((r) => `${r.certname}: ${r.error}`);

describe('compile jobs over the broker: a cluster instance (--workers 2) beside a --workers 0 one', { skip: postgresSkip, timeout: 180_000 }, () => {
  it("both publish and compile from the one queue, every request answered once; a cluster's workers killed with jobs in flight: tried again there; the cluster instance kill -9'd: its jobs redelivered to the other", async (t) => {
    const url = await server!.newDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'troupe-cqc-'));
    const codeDir = writeSite(dir, 'production', SITE);
    // Instance 1 is the cluster: its primary holds the broker connections, its workers compile.
    const serves = await Promise.all([0, WORKERS].map((workers, i) => spawnServe([
      '--data-dir', join(dir, `i${i}`), '--store', url, '--stomp-url', broker.broker.url, '--instance-id', `cqc${i}`,
      '--lease-ms', '5000', '--shards', String(SHARDS), '--compiler', 'builtin', '--code-dir', codeDir,
      '--workers', String(workers), '--compile-concurrency', '1', '--log-level', 'warn',
    ], {}, 60_000)));
    const [single, cluster] = serves as [ServeProcess, ServeProcess];
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await eventually(async () => (await Promise.all(serves.map(queueOf))).every(bothConnected), 60_000, 'both connected to the compile queue');
      await eventually(() => workerPids(cluster.child.pid!).length === WORKERS, 60_000, 'the cluster has its workers').catch((e: unknown) => {
        throw new Error(`${String(e)}; the cluster's processes:\n${processesOf(cluster.child.pid!)}\nits log:\n${cluster.stdout().slice(-4000)}`);
      });
      await eventually(async () => {
        const { rows } = await db.query<{ n: string }>('SELECT count(DISTINCT holder) AS n FROM shard_leases WHERE expires_at > clock_timestamp()');
        return Number(rows[0]!.n) === 2;
      }, 60_000, 'the shards spread over both');

      // Part 1: both kinds of instance publish their actors' compiles and take their share of everyone's.
      assert.deepEqual(failures(await fleet(serves, 0, 60, 3000)), [], 'every agent got its catalog');
      const [a, b] = await Promise.all(serves.map(queueOf));
      t.diagnostic(`--workers 0: ${JSON.stringify(a)}; --workers ${WORKERS}: ${JSON.stringify(b)}`);
      assert.ok(a!.published > 0 && b!.published > 0, 'both published');
      assert.ok(a!.consumed > 0 && b!.consumed > 0, 'both compiled');
      assert.equal(a!.published + b!.published, a!.consumed + b!.consumed, 'every job published was taken once');
      assert.equal(a!.local + b!.local + a!.timedOut + b!.timedOut, 0);
      assert.deepEqual(await answersPerRequest(db), { requests: 60, unanswered: 0, answeredOnce: 60, answeredMore: 0 });

      // Part 2: a burst, and the cluster's workers killed while it holds jobs it has not acknowledged.
      const second = fleet(serves, 1000, 60, 1000);
      await eventually(async () => (await queueOf(cluster)).compiling >= 2, 20_000, 'the cluster compiling jobs');
      for (const pid of workerPids(cluster.child.pid!)) process.kill(pid, 'SIGKILL');
      assert.deepEqual(failures(await second), [], 'every agent got its catalog');
      await eventually(async () => (await answersPerRequest(db)).unanswered === 0, 30_000, 'every request answered');
      const afterWorkers = await queueOf(cluster);
      const answeredThen = await answersPerRequest(db);
      t.diagnostic(`after its workers were killed, the cluster: ${JSON.stringify(afterWorkers)}; ${JSON.stringify(answeredThen)}`);
      // One request per node, so one job id per request: the replacement workers' actors offer the same jobs, and the log keeps one outcome.
      assert.deepEqual(answeredThen, { requests: 120, unanswered: 0, answeredOnce: 120, answeredMore: 0 });
      assert.ok(afterWorkers.retried > 0, 'the jobs the dead workers held were tried again, unacknowledged');
      assert.equal(afterWorkers.redelivered, 0, 'and never left the instance');
      assert.equal((await queueOf(single)).redelivered, 0);

      // Part 3: another burst, and the whole cluster instance kill -9'd with jobs in flight.
      const third = fleet(serves, 2000, 60, 1000);
      await eventually(async () => (await queueOf(cluster)).compiling > 0, 20_000, 'the cluster compiling jobs');
      cluster.child.kill('SIGKILL');
      await cluster.exited;
      assert.deepEqual(failures(await third), [], 'every agent got its catalog');
      await eventually(async () => (await answersPerRequest(db)).unanswered === 0, 30_000, 'every request answered');
      const survivor = await queueOf(single);
      const answers = await answersPerRequest(db);
      t.diagnostic(`after the kill, the --workers 0 instance: ${JSON.stringify(survivor)}; ${JSON.stringify(answers)}`);
      assert.ok(survivor.redelivered > 0, "the killed instance's unacknowledged jobs came to the survivor");
      assert.deepEqual(answers, { requests: 180, unanswered: 0, answeredOnce: 180, answeredMore: 0 }, 'the redelivered jobs and the resumed requests are the same jobs');
      await eventually(() => workerPids(cluster.child.pid!).length === 0, 10_000, "the killed primary's workers exit");
    } finally {
      await db.end();
      for (const s of serves) s.child.kill('SIGKILL');
      await Promise.all(serves.map((s) => s.exited));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
