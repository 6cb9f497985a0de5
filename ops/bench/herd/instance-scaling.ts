import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentRun } from '../../fleet/fleet-agent.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../postgres/throwaway-postgres.js';
import { cpuSecondsOf } from '../support/proc-stats.js';
import { childrenOf, startServe, type ServeChild } from '../support/serve-child.js';

export interface InstanceScalingOptions {
  /** The Puppet code compiled (a compile-bound site). */
  readonly codeDir: string;
  /** Distinct nodes the closed loop cycles over. */
  readonly nodes: number;
  /** Measured rounds per instance count, interleaved so the machine's drift hits every count alike. @defaultValue 2 */
  readonly rounds?: number;
  /** Warm-up (every node's facts and catalog stored, JIT warm), then the measured window, seconds. @defaultValue 30, 10 */
  readonly warmSeconds?: number;
  readonly measureSeconds?: number;
  /** The throwaway PostgreSQL 15's port. @defaultValue BENCH_PG_PORT or 61771 */
  readonly pgPort?: number;
  /**
   * A broker: the instances then get `--stomp-url` this, so compiles go as
   * jobs over its compile queue (`--compile-queue on`; docs/architecture.md,
   * "Compile jobs over the broker"): each instance's primary publishes and
   * consumes, its actor worker compiles, and any instance compiles any
   * node. @defaultValue none: compiles on the shard's holder
   */
  readonly stompUrl?: string;
}

/** One measured count: catalogs/s, and CPU ms per catalog of the instances (all their processes), PostgreSQL (every server process) and the load generator. */
export interface InstanceRun {
  readonly instances: number;
  readonly rate: number;
  readonly serveMs: number;
  /** The part of `serveMs` spent by the instances' main threads (HTTP doors, log router), their other threads (storeconfigs projection, queries, GC) and their actor workers (compiles). */
  readonly split: { readonly mainMs: number; readonly threadsMs: number; readonly workersMs: number };
  readonly postgresMs: number;
  readonly generatorMs: number;
}

/** Agents in flight per measurement (closed loop), spread over the instances by index. */
const CONCURRENCY = 48;
const SHARDS = 64;

/**
 * `bench:herd -- --instances 1,2`: capacity of N `troupe serve` instances
 * (one actor worker each) sharing one durable PostgreSQL 15, agents spread
 * over them as Puppet's `server_list` does, each instance compiling the
 * nodes of its leased shards. Each round and count has a database of its own.
 */
export async function instanceScaling(counts: readonly number[], o: InstanceScalingOptions): Promise<InstanceRun[]> {
  const postgres = await startThrowawayPostgres({ port: o.pgPort ?? Number(process.env['BENCH_PG_PORT'] ?? 61771), durable: true });
  try {
    const runs = new Map<number, InstanceRun[]>(counts.map((n) => [n, []]));
    for (let round = 0; round < (o.rounds ?? 2); round++) {
      for (const n of counts) {
        const run = await measureInstances(postgres, n, round, o);
        console.log(`${n} instance(s), round ${round + 1}: ${JSON.stringify(run)}`);
        runs.get(n)!.push(run);
      }
    }
    return counts.map((n) => meanRun(runs.get(n)!));
  } finally {
    await postgres.stop();
  }
}

async function measureInstances(postgres: ThrowawayPostgres, n: number, round: number, o: InstanceScalingOptions): Promise<InstanceRun> {
  const url = await postgres.createDatabase(`herd_r${round}_i${n}`);
  const dir = mkdtempSync(join(tmpdir(), 'troupe-instances-'));
  const serves: ServeChild[] = [];
  try {
    for (let i = 0; i < n; i++) {
      serves.push(await startServe(['--data-dir', join(dir, `i${i}`), '--store', url, '--instance-id', `bench${i}`, '--shards', String(SHARDS),
        '--workers', '1', ...(o.stompUrl === undefined ? [] : ['--stomp-url', o.stompUrl, '--compile-queue', 'on']),
        '--code-dir', o.codeDir, '--compiler', 'builtin', '--log-level', 'warn']));
    }
    await shardsSpread(serves);
    const serverList = serves.map((s) => s.url);
    await closedLoop(serverList, o.warmSeconds ?? 30, o.nodes);
    const cpu0 = serves.map((s) => s.cpuSeconds()); const pg0 = postgresCpu(postgres); const gen0 = process.cpuUsage();
    const done = await closedLoop(serverList, o.measureSeconds ?? 10, o.nodes);
    const gen = process.cpuUsage(gen0);
    const perCatalog = (seconds: number): number => (seconds * 1000) / Math.max(1, done.catalogs);
    return {
      instances: n,
      rate: done.catalogs / done.seconds,
      serveMs: perCatalog(serves.reduce((sum, s, i) => sum + serveCpu(s.cpuSeconds()) - serveCpu(cpu0[i]!), 0)),
      split: cpuSplit(serves.map((s, i) => ({ before: cpu0[i]!, after: s.cpuSeconds() })), perCatalog),
      postgresMs: perCatalog(postgresCpu(postgres) - pg0),
      generatorMs: perCatalog((gen.user + gen.system) / 1e6),
    };
  } finally {
    await Promise.all(serves.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until every instance holds some of the shards and together all of them (at most 60 s). */
async function shardsSpread(serves: readonly ServeChild[]): Promise<void> {
  const end = Date.now() + 60_000;
  for (;;) {
    const held = await Promise.all(serves.map(async (s) => ((await (await fetch(`${s.url}/status`)).json()) as { shardLeases?: { held: number } }).shardLeases?.held ?? 0));
    if (held.every((h) => h > 0) && held.reduce((a, b) => a + b, 0) === SHARDS) return;
    if (Date.now() > end) throw new Error(`shards not spread over the instances: ${held.join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** CONCURRENCY agents back to back for `seconds`, cycling over `nodes` nodes, each starting at its own instance. */
async function closedLoop(serverList: readonly string[], seconds: number, nodes: number): Promise<{ catalogs: number; seconds: number }> {
  let next = 0; let catalogs = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < end) {
      const r = await agentRun(next++ % nodes, { url: serverList[0]!, serverList, api: 'v4', requestTimeoutMs: 30_000, runTimeoutMs: 60_000, report: false, retryAfterScale: 1 });
      if (r.outcome === 'ok') catalogs++;
    }
  }));
  return { catalogs, seconds: (performance.now() - started) / 1000 };
}

type ServeCpu = ReturnType<ServeChild['cpuSeconds']>;

const serveCpu = (c: ServeCpu): number => c.primary + c.workers;

/** Where the instances' CPU went, summed over the instances, per catalog. */
function cpuSplit(samples: readonly { before: ServeCpu; after: ServeCpu }[], perCatalog: (seconds: number) => number): InstanceRun['split'] {
  const sum = (f: (c: ServeCpu) => number): number => perCatalog(samples.reduce((total, s) => total + f(s.after) - f(s.before), 0));
  return { mainMs: sum((c) => c.primaryMain), threadsMs: sum((c) => c.primary - c.primaryMain), workersMs: sum((c) => c.workers) };
}

/** The cluster's postmaster and its server processes (connections are pooled, so the backends live through a measurement). */
function postgresCpu(postgres: ThrowawayPostgres): number {
  const postmaster = Number(readFileSync(join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}

function meanRun(runs: readonly InstanceRun[]): InstanceRun {
  const avg = (f: (r: InstanceRun) => number): number => runs.reduce((sum, r) => sum + f(r), 0) / runs.length;
  const split = { mainMs: avg((r) => r.split.mainMs), threadsMs: avg((r) => r.split.threadsMs), workersMs: avg((r) => r.split.workersMs) };
  return { instances: runs[0]!.instances, rate: avg((r) => r.rate), serveMs: avg((r) => r.serveMs), split, postgresMs: avg((r) => r.postgresMs), generatorMs: avg((r) => r.generatorMs) };
}
