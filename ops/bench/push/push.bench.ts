import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { packageRoot } from '../../config/package-root.js';
import { agentRun, type AgentRunOptions } from '../../fleet/fleet-agent.js';
import { FleetSimulator, type FleetOptions, type FleetStats } from '../../fleet/fleet-simulator.js';
import { LatencyStats } from '../../fleet/latency-stats.js';
import { fleetNode } from '../../fleet/fleet-node.js';
import { machine, writeBenchmarkSection } from '../support/bench-report.js';
import { MissingPushes, PushWatch } from './push-watch.js';
import { startServe, type ServeChild } from '../support/serve-child.js';
import { cpuSecondsOf } from '../support/proc-stats.js';

/**
 * `npm run bench:push`: deploy → recompile → push at fleet scale, against
 * a real `troupe serve` (built-in compiler, a copy of the example site)
 * and a real ActiveMQ on loopback.
 * 1. load: PUSH_NODES nodes check in once each (facts and a first
 *    catalog, so every node is deployable), 48 at a time with no other
 *    load; the second half of it is the compile pool's full rate;
 * 2. idle: PUSH_AGENTS agents check in every PUSH_INTERVAL_S for
 *    PUSH_IDLE_S: check-in p50/p99 with nothing else going on;
 * 3. deploy alone: a code change to every node's catalog, no agents —
 *    twice: the first deployment after start also starts the background
 *    compile threads and warms their JIT (shown as such), the second is
 *    the steady rate;
 * 4. deploy under check-ins: PUSH_REPEATS more changes, one after another,
 *    while the same agents check in; the check-ins that began while a
 *    deployment ran (from its request to its last catalog pushed) are
 *    pooled for the p99, each deployment's own shown beside it.
 * A deployment is done when every node's queue got a catalog of the new
 * code: counted by a subscription on each node's own queue (push-watch.ts),
 * not from the server's counters, so it is what nodes would receive. A node
 * that gets no catalog in time fails the run (exit 1), named, with its last
 * events from the log. During each deployment a line a second shows where
 * the catalogs are: requested, compiled, confirmed by the broker, reached.
 */
const NODES = Number(process.env['PUSH_NODES'] ?? 10_000);
const AGENTS = Number(process.env['PUSH_AGENTS'] ?? 300);
const INTERVAL_S = Number(process.env['PUSH_INTERVAL_S'] ?? 10);
const IDLE_S = Number(process.env['PUSH_IDLE_S'] ?? 60);
/** Deployments under check-ins, one after another: their check-ins are pooled, so the p99 rests on enough of them. */
const REPEATS = Number(process.env['PUSH_REPEATS'] ?? 3);
const PORT = Number(process.env['PUSH_STOMP_PORT'] ?? 61761);
/** `--deploy-window` of the server; empty: its default (every compile slot). */
const DEPLOY_WINDOW = process.env['PUSH_DEPLOY_WINDOW'] ?? '';
/** `--deploy-adaptive` of the server; empty: its default (on). `false` compares with a fixed window. */
const DEPLOY_ADAPTIVE = process.env['PUSH_DEPLOY_ADAPTIVE'] ?? '';
/** The server's `backgroundCompileNice`, as its environment sets it (the child inherits it): 0 compares with background compiles on the workers' own threads. */
const BACKGROUND_NICE = process.env['TROUPE_BACKGROUND_COMPILE_NICE'] ?? '19';
/** Agents' check-ins at once while loading the fleet. */
const LOAD_CONCURRENCY = 48;
/** A deployment that has not reached every node by then fails the benchmark: at least 2 min, or 20 catalogs/s. */
const DEPLOY_TIMEOUT_MS = Math.max(120_000, (NODES / 20) * 1000);
/** The code version's line in every catalog (a top-level resource of site.pp): a deploy changes it. */
const marker = (version: number): string => `troupe push bench code version ${version};`;

const agent: AgentRunOptions = { url: '', api: 'v4', requestTimeoutMs: 60_000, runTimeoutMs: 300_000, report: false, retryAfterScale: 1 };

interface Deployment { startedAt: number; lastAt: number; caughtUpAt: number; seconds: number; rate: number; received: number; cpu: CpuShares }
/** Check-ins that began while one deployment ran. */
interface During { ok: number; failed: number; p50Ms: number; p99Ms: number }
interface Results { poolRate: number; poolCpu: CpuShares; idle: FleetStats; first: Deployment; alone: Deployment; busy: Deployment[]; during: During; each: During[]; catchingUp: During; clientDelay: { idleP99Ms: number; duringP99Ms: number }; server: { idle: ServerFigures; during: ServerFigures } }

/** CPU seconds used so far by the server (primary and workers), the broker and this process (agents and the watch thread). */
interface CpuReading { at: number; server: number; broker: number; bench: number }
function cpuReading(serve: ServeChild): CpuReading {
  const c = serve.cpuSeconds();
  const brokerPid = Number(readFileSync(join(dir, 'amq', 'activemq.pid'), 'utf8'));
  return { at: performance.now(), server: c.primary + c.workers, broker: cpuSecondsOf(brokerPid), bench: cpuSecondsOf(process.pid) };
}
/** Each party's share of the machine's cores over a phase, in % of one core. */
interface CpuShares { server: number; broker: number; bench: number }
function cpuShares(from: CpuReading, to: CpuReading): CpuShares {
  const s = (to.at - from.at) / 1000;
  return { server: (100 * (to.server - from.server)) / s, broker: (100 * (to.broker - from.broker)) / s, bench: (100 * (to.bench - from.bench)) / s };
}

/** The fleet's certnames: each has its own queue, which the watch subscribes to as its agent would. */
const certnames = Array.from({ length: NODES }, (_, i) => fleetNode(i).certname);

const dir = mkdtempSync(join(tmpdir(), 'troupe-push-bench-'));

/** The run's own broker; 1 GB of heap for ten thousand node queues. */
function broker(cmd: 'start' | 'stop'): void {
  execFileSync('bash', [join(packageRoot(), 'ops/scripts/activemq.sh'), cmd, '--port', String(PORT), '--data', join(dir, 'amq')], {
    stdio: 'inherit', timeout: 120_000, env: { ...process.env, ACTIVEMQ_HEAP: process.env['ACTIVEMQ_HEAP'] ?? '1g' },
  });
}

async function main(): Promise<void> {
  const codeDir = join(dir, 'code');
  cpSync(join(packageRoot(), 'docs/examples/environment'), codeDir, { recursive: true });
  writeVersion(codeDir, 1);
  let serve: ServeChild | undefined;
  let watch: PushWatch | undefined;
  try {
    broker('start');
    watch = await PushWatch.start(PORT, Array.from({ length: 3 + REPEATS }, (_, i) => marker(i + 1)), certnames);
    serve = await startServe(['--data-dir', join(dir, 'data'), '--code-dir', codeDir, '--compiler', 'builtin', '--stomp-url', `stomp://127.0.0.1:${PORT}`, '--durability', 'full',
      ...(DEPLOY_WINDOW === '' ? [] : ['--deploy-window', DEPLOY_WINDOW]), ...(DEPLOY_ADAPTIVE === '' ? [] : ['--deploy-adaptive', DEPLOY_ADAPTIVE])]);
    await new Promise((r) => setTimeout(r, 1500)); // workers up
    report(await measure(serve, watch, codeDir));
  } catch (e) {
    await stopWithin(serve, 30_000);
    if (e instanceof MissingPushes) explainMissing(e);
    throw e;
  } finally {
    await stopWithin(serve, 30_000);
    await watch?.close().catch(() => undefined);
    try { broker('stop'); } finally { rmSync(dir, { recursive: true, force: true }); }
  }
}

function writeVersion(codeDir: string, version: number): void {
  // Appended: the last line wins over earlier versions' lines (which are commented out).
  if (version > 1) execFileSync('sed', ['-i', 's/^notify { .troupe push bench/# &/', join(codeDir, 'manifests/site.pp')]);
  appendFileSync(join(codeDir, 'manifests/site.pp'), `notify { 'troupe push bench': message => '${marker(version)}' }\n`);
}

async function measure(serve: ServeChild, watch: PushWatch, codeDir: string): Promise<Results> {
  const o = { ...agent, url: serve.url };
  const { rate: poolRate, cpu: poolCpu } = await load(o, serve);
  console.log(`loaded ${NODES} nodes; compile pool's full rate ${poolRate.toFixed(0)} catalogs/s`);
  await watch.waitFor(marker(1), certnames, DEPLOY_TIMEOUT_MS);
  await storeconfigsCaughtUp(serve.url); // the idle check-ins are idle: storeconfigs is not catching up on the load

  // The agents' own process: its event-loop delay is in every latency they measure.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  let server = await serverFigures(serve.url);
  const idleFleet = checkIns(o, IDLE_S * 1000);
  const idle = await idleFleet.run();
  const idleDelayP99 = loopDelay.percentile(99) / 1e6;
  const idleServer = await serverFigures(serve.url, server);
  console.log(`idle check-ins: ${JSON.stringify(idle)}; the agents' event-loop delay p99 ${idleDelayP99.toFixed(1)} ms`);

  const first = await deploy(serve, watch, codeDir, 2);
  console.log(`first deploy (alone): ${JSON.stringify(first)}`);
  const alone = await deploy(serve, watch, codeDir, 3);
  console.log(`deploy alone: ${JSON.stringify(alone)}`);

  const runs: Array<{ at: number; ms: number; ok: boolean }> = [];
  const duringFleet = checkIns({ ...o, onRun: (r, at) => runs.push({ at, ms: r.timeToCatalogMs, ok: r.outcome === 'ok' }) }, REPEATS * DEPLOY_TIMEOUT_MS);
  const running = duringFleet.run();
  // The agents' first runs are spread over one interval: deploy once they all check in.
  await new Promise((r) => setTimeout(r, INTERVAL_S * 1000));
  loopDelay.reset();
  server = await serverFigures(serve.url);
  const busy: Deployment[] = [];
  try {
    for (let i = 0; i < REPEATS; i++) {
      busy.push(await deploy(serve, watch, codeDir, 4 + i));
      console.log(`deploy ${i + 1} of ${REPEATS} under check-ins: ${JSON.stringify(busy.at(-1))}`);
    }
  } finally {
    duringFleet.stop();
  }
  const duringServer = await serverFigures(serve.url, server);
  await running;
  const within = (d: Deployment) => runs.filter((r) => r.at >= d.startedAt && r.at <= d.lastAt);
  const each = busy.map((d) => duringStats(within(d)));
  const catchingUp = duringStats(busy.flatMap((d) => runs.filter((r) => r.at > d.lastAt && r.at <= d.caughtUpAt)));
  const during = duringStats(busy.flatMap(within));
  const duringDelayP99 = loopDelay.percentile(99) / 1e6;
  loopDelay.disable();
  console.log(`deploys under check-ins: check-ins ${JSON.stringify(during)}; the agents' event-loop delay p99 ${duringDelayP99.toFixed(1)} ms; server ${JSON.stringify(duringServer)}`);
  return { poolRate, poolCpu, idle, first, alone, busy, during, each, catchingUp, clientDelay: { idleP99Ms: idleDelayP99, duringP99Ms: duringDelayP99 }, server: { idle: idleServer, during: duringServer } };
}

function duringStats(runs: ReadonlyArray<{ ms: number; ok: boolean }>): During {
  const latency = new LatencyStats();
  for (const r of runs) if (r.ok) latency.add(r.ms);
  return { ok: latency.count, failed: runs.length - latency.count, p50Ms: latency.percentile(50), p99Ms: latency.percentile(99) };
}

/** Every node checks in once; the rate of the second half (the first warms the workers' JIT). */
async function load(o: AgentRunOptions, serve: ServeChild): Promise<{ rate: number; cpu: CpuShares }> {
  let next = 0; let done = 0; let failed = 0;
  let halfAt = 0;
  let half0: CpuReading | undefined;
  const half = Math.floor(NODES / 2);
  await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, async () => {
    while (next < NODES) {
      const r = await agentRun(next++, o);
      if (r.outcome !== 'ok') failed++;
      if (++done === half) { halfAt = performance.now(); half0 = cpuReading(serve); }
    }
  }));
  if (failed > 0) throw new Error(`${failed} of ${NODES} first check-ins failed`);
  return { rate: (NODES - half) / ((performance.now() - halfAt) / 1000), cpu: cpuShares(half0!, cpuReading(serve)) };
}

/** The steady check-in stream: AGENTS agents, every INTERVAL_S, first runs spread over one interval. */
function checkIns(o: AgentRunOptions & Pick<FleetOptions, 'onRun'>, durationMs: number): FleetSimulator {
  return new FleetSimulator({ ...o, nodes: AGENTS, intervalMs: INTERVAL_S * 1000, splayMs: INTERVAL_S * 1000, durationMs });
}

/** Writes code version `version`, deploys it, and waits until every node's queue got its catalog. */
async function deploy(serve: ServeChild, watch: PushWatch, codeDir: string, version: number): Promise<Deployment> {
  writeVersion(codeDir, version);
  const received = watch.received;
  const cpu0 = cpuReading(serve);
  const started = performance.now();
  const res = await fetch(`${serve.url}/troupe/v1/deployments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ environment: 'production' }) });
  if (res.status !== 202) throw new Error(`deploy: HTTP ${res.status} ${await res.text()}`);
  const sampler = setInterval(() => void sample(serve.url, watch, marker(version), started).catch(() => undefined), 1000);
  const { lastAt } = await watch.waitFor(marker(version), certnames, DEPLOY_TIMEOUT_MS).finally(() => clearInterval(sampler));
  const seconds = (lastAt - started) / 1000;
  const cpu = cpuShares(cpu0, cpuReading(serve));
  const caughtUpAt = await storeconfigsCaughtUp(serve.url);
  return { startedAt: started, lastAt, caughtUpAt, seconds, rate: NODES / seconds, received: watch.received - received, cpu };
}

/**
 * Waits until storeconfigs has projected the log (within 100 events: agents may be checking in), so each
 * deployment starts from a settled server; when that was. Storeconfigs yields while a deployment runs and
 * catches up after, so this time is part of what a push costs.
 */
async function storeconfigsCaughtUp(url: string): Promise<number> {
  const end = performance.now() + DEPLOY_TIMEOUT_MS;
  for (;;) {
    const { queueDepth } = await (await fetch(`${url}/status`)).json() as { queueDepth: number };
    if (queueDepth <= 100) return performance.now();
    if (performance.now() > end) throw new Error(`storeconfigs still ${queueDepth} events behind ${DEPLOY_TIMEOUT_MS / 1000} s after a deployment`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Where a deployment's catalogs are, once a second: requested, compiled, pushed (broker-confirmed), reached. */
interface StageStatus {
  head: number;
  admission: { pending: number };
  deployments: { window: number; open: Array<{ requested: number; inFlight: number; changed: number; unchanged: number; failed: number }> };
  stomp?: { push: { position: number; pushed: number } | null; connections: { push: { awaitingReceipt: number; buffered: number } | null } };
}

async function sample(url: string, watch: PushWatch, m: string, started: number): Promise<void> {
  const s = await (await fetch(`${url}/status`)).json() as StageStatus;
  const d = s.deployments.open[0];
  const c = s.stomp?.connections.push;
  console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: log head ${s.head}, admission pending ${s.admission.pending}, `
    + `deployment ${d ? `requested ${d.requested} (in flight ${d.inFlight} of window ${s.deployments.window}), changed ${d.changed}, unchanged ${d.unchanged}, failed ${d.failed}` : 'finished'}; `
    + `pusher at ${s.stomp?.push?.position} (pushed ${s.stomp?.push?.pushed}, awaiting receipt ${c?.awaitingReceipt}, buffered ${c?.buffered}); reached ${watch.version(m).nodes}`);
}

/** The server's own figures over a phase, from `/metrics`: its main thread's event-loop delay and its log's group commits. */
interface ServerFigures { loopDelayP99Ms: number; commits: number; commitMeanMs: number; eventsPerCommit: number }

/**
 * Reads `/metrics`; with `since` (the reading at the phase's start) the
 * phase's figures. prom-client resets its event-loop histogram at each
 * reading, so the delay is the phase's own.
 */
async function serverFigures(url: string, since?: ServerFigures & { raw?: Record<string, number> }): Promise<ServerFigures & { raw: Record<string, number> }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const raw = { sum: value('troupe_log_commit_duration_seconds_sum'), count: value('troupe_log_commit_duration_seconds_count'), events: value('troupe_log_committed_events_total') };
  const commits = raw.count - (since?.raw?.['count'] ?? 0);
  return {
    loopDelayP99Ms: value('nodejs_eventloop_lag_p99_seconds') * 1000, commits,
    commitMeanMs: ((raw.sum - (since?.raw?.['sum'] ?? 0)) / commits) * 1000, eventsPerCommit: (raw.events - (since?.raw?.['events'] ?? 0)) / commits, raw,
  };
}

async function stopWithin(serve: ServeChild | undefined, ms: number): Promise<void> {
  if (!serve || serve.child.exitCode !== null) return;
  const timer = setTimeout(() => serve.child.kill('SIGKILL'), ms);
  await serve.stop();
  clearTimeout(timer);
}

function report(r: Results): void {
  const ms = (x: number): string => `${x.toFixed(0)} ms`;
  const p99Ratio = r.during.p99Ms / r.idle.p99Ms;
  const median = [...r.busy].sort((a, b) => a.rate - b.rate)[Math.floor(r.busy.length / 2)]!;
  const cpu = (c: CpuShares): string => `${c.server.toFixed(0)} / ${c.broker.toFixed(0)} / ${c.bench.toFixed(0)} %`;
  const text = `Command: \`npm run bench:push\` (PUSH_NODES=${NODES}, PUSH_AGENTS=${AGENTS}, PUSH_INTERVAL_S=${INTERVAL_S}, PUSH_IDLE_S=${IDLE_S}, PUSH_REPEATS=${REPEATS}${DEPLOY_WINDOW === '' ? '' : `, PUSH_DEPLOY_WINDOW=${DEPLOY_WINDOW}`}${DEPLOY_ADAPTIVE === '' ? '' : `, PUSH_DEPLOY_ADAPTIVE=${DEPLOY_ADAPTIVE}`}) — \`troupe serve\` (built-in compiler, a copy of the example site with one top-level resource that names the code version, durability full, default workers, background compiles ${BACKGROUND_NICE === '0' ? "on the workers' own threads" : `on a thread per worker at nice ${BACKGROUND_NICE}`}, deploy window ${DEPLOY_WINDOW === '' ? 'the default (every compile slot, four per slot with background compile threads)' : DEPLOY_WINDOW}${DEPLOY_ADAPTIVE === 'false' ? ', fixed' : ', adaptive'}) with ActiveMQ 5.17 on loopback (\`ops/scripts/activemq.sh\`, port ${PORT}); agents over plain HTTP on the v4 API from the same machine.
Machine: ${machine()}.

Steps, in one run: ${NODES.toLocaleString('en-US')} nodes check in once each, ${LOAD_CONCURRENCY} at a time, so each has facts and a catalog (the second half of this is the **compile pool's full rate**: compiles back to back, no other load); then ${AGENTS} agents check in every ${INTERVAL_S} s (${(AGENTS / INTERVAL_S).toFixed(0)} check-ins/s) for ${IDLE_S} s (**idle** check-ins); then a code change that alters every node's catalog is deployed (\`POST /troupe/v1/deployments\`) with no agents, twice (the **first deployment** after start also starts the background compile threads and warms their JIT; the second is **deploy alone**); then ${REPEATS} more, one after another, while the same agents check in (**deploy under check-ins**; the agents start one interval before the first, and the check-ins that began between a deploy request and its last catalog pushed are pooled for the p99). Storeconfigs yields while a deployment runs (it rests between batches) and catches up after: each deployment waits for it to catch up before the next starts, and the time it took is shown. *Deploy → last catalog pushed* is from the deploy request until every node's queue \`/queue/troupe.node.<certname>\` had received a catalog of the new code, counted by one STOMP subscription per node on its own queue, as a \`troupe agent\` subscribes (what the nodes receive, not the server's counters; a missing node fails the run, named); agents that check in meanwhile get the new code's catalog by their own compile, and it is pushed too.

| | figure |
|---|---:|
| compile pool's full rate (check-ins back to back, HTTP included) | ${r.poolRate.toFixed(0)} catalogs/s |
| first deployment after start, alone: deploy → last catalog pushed | ${r.first.seconds.toFixed(1)} s (${r.first.rate.toFixed(0)} nodes/s, ${((r.first.rate / r.poolRate) * 100).toFixed(0)} % of the pool's full rate) |
| deploy alone: deploy → last catalog pushed | ${r.alone.seconds.toFixed(1)} s (${r.alone.rate.toFixed(0)} nodes/s, **${((r.alone.rate / r.poolRate) * 100).toFixed(0)} %** of the pool's full rate; ${r.alone.received} messages) |
| deploy under check-ins, each: deploy → last catalog pushed | ${r.busy.map((d) => `${d.seconds.toFixed(1)} s`).join(', ')} (median ${median.rate.toFixed(0)} nodes/s, **${((median.rate / r.poolRate) * 100).toFixed(0)} %** of the pool's full rate; each from ${((Math.min(...r.busy.map((d) => d.rate)) / r.poolRate) * 100).toFixed(0)} to ${((Math.max(...r.busy.map((d) => d.rate)) / r.poolRate) * 100).toFixed(0)} %; ${r.busy.map((d) => d.received).join(', ')} messages) |
| check-ins idle: p50 / p99 (${r.idle.ok} runs, ${r.idle.failed} failed) | ${ms(r.idle.p50Ms)} / ${ms(r.idle.p99Ms)} |
| check-ins during the pushes: p50 / p99 (${r.during.ok} runs, ${r.during.failed} failed) | ${ms(r.during.p50Ms)} / ${ms(r.during.p99Ms)} |
| … each deployment's check-ins: p99 (runs) | ${r.each.map((d) => `${ms(d.p99Ms)} (${d.ok})`).join(', ')} |
| storeconfigs caught up, after the last catalog pushed: first, alone, under check-ins | ${[r.first, r.alone, ...r.busy].map((d) => `${((d.caughtUpAt - d.lastAt) / 1000).toFixed(1)} s`).join(', ')} |
| check-ins while storeconfigs caught up (after the pushes): p50 / p99 (runs) | ${r.catchingUp.ok === 0 ? '—' : `${ms(r.catchingUp.p50Ms)} / ${ms(r.catchingUp.p99Ms)} (${r.catchingUp.ok})`} |
| check-in p99 during the pushes ÷ idle (target ≤ 2×) | **${p99Ratio.toFixed(2)}×** (each deployment's: ${r.each.map((d) => `${(d.p99Ms / r.idle.p99Ms).toFixed(2)}×`).join(', ')}) |
| the agents' own event-loop delay p99 (bench process): idle / during the push | ${ms(r.clientDelay.idleP99Ms)} / ${ms(r.clientDelay.duringP99Ms)} |
| the server's main-thread event-loop delay p99: idle / during the push | ${ms(r.server.idle.loopDelayP99Ms)} / ${ms(r.server.during.loopDelayP99Ms)} |
| CPU, % of one core (2 cores = 200 %), server / broker / bench (agents and watch): pool's full rate | ${cpu(r.poolCpu)} |
| … deploy alone | ${cpu(r.alone.cpu)} |
| … deploy under check-ins (the median deployment) | ${cpu(median.cpu)} |
| the log's group commits, mean (events per commit): idle / during the push | ${r.server.idle.commitMeanMs.toFixed(1)} ms (${r.server.idle.eventsPerCommit.toFixed(1)}) / ${r.server.during.commitMeanMs.toFixed(1)} ms (${r.server.during.eventsPerCommit.toFixed(1)}) |`;
  console.log(text);
  writeBenchmarkSection('Push: deploy → recompile → push', text);
}

/** The missing nodes' last events, read from the stopped server's log: was the catalog compiled, pushed, never requested? */
function explainMissing(e: MissingPushes): void {
  console.error(`bench:push: ${e.missing.length} nodes got no catalog with '${e.marker}'; the first ones' last events:`);
  for (const certname of e.missing.slice(0, 3)) {
    try {
      const out = execFileSync(process.execPath, [join(packageRoot(), 'dist/ops/cli/main.js'), 'events', '--node', certname, '--data-dir', join(dir, 'data')], { encoding: 'utf8', timeout: 60_000 });
      console.error(`${certname}:\n${out.trim().split('\n').slice(-8).join('\n')}`);
    } catch (err) {
      console.error(`${certname}: troupe events failed: ${(err as Error).message}`);
    }
  }
}

/** Stops the broker and exits; serve-child's exit hook kills the server. */
function abandon(why: string): never {
  console.error(`bench:push: ${why}; stopping the broker`);
  try { broker('stop'); } finally { rmSync(dir, { recursive: true, force: true }); }
  process.exit(1);
}

setTimeout(() => abandon('gave up after its overall time limit'), (3 + REPEATS) * DEPLOY_TIMEOUT_MS + 10 * 60_000).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abandon(`${signal}`));
try {
  await main();
} catch (e) {
  // Loudly: a non-zero exit and, for missing pushes, the nodes named.
  console.error(`bench:push failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
