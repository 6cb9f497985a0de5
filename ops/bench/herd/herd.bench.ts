import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import { packageRoot } from '../../config/package-root.js';
import { defaultConfig } from '../../config/troupe.config.js';
import { agentTlsState, send, type AgentTls, type AgentTlsState } from '../../fleet/agent-http.js';
import { AGENT_APIS, agentRun, type AgentRunOptions } from '../../fleet/fleet-agent.js';
import { fleetNode } from '../../fleet/fleet-node.js';
import { FleetSimulator } from '../../fleet/fleet-simulator.js';
import { LatencyStats } from '../../fleet/latency-stats.js';
import { nodeCertificates } from '../../fleet/node-certificates.js';
import { machine, writeBenchmarkSection } from '../support/bench-report.js';
import { goodputChart } from './goodput-chart.js';
import { writePolicySite } from './policy-site.js';
import { HOLDING_ARGS, holdingSite, measureRefusals, type RefusalCost } from './refusal-cost.js';
import { startServe, type ServeChild } from '../support/serve-child.js';
import { instanceScaling } from './instance-scaling.js';
import { timeBuiltinCompiles } from '../compile/compile-timing.js';

/**
 * `npm run bench:herd`: the thundering herd and overload, against a real
 * `troupe serve` cluster with the built-in compiler on the example site.
 * 1. capacity with 1 and 2 actor workers (closed loop) on the example site
 *    and on a compile-bound policy site, with the CPU per catalog of the
 *    workers, the primary and the generator;
 * 2. a herd of HERD_NODES agents arriving within one second, one run each,
 *    honouring Retry-After: failures, convergence time, p50/p99, peak RSS;
 * 3. goodput under Poisson arrivals at 1×, 2×, 5×, 10× capacity, with
 *    admission control on and off; each arrival is one attempt with a
 *    client timeout, goodput = catalogs delivered in time per second;
 * 4. what a refusal costs the server, over plain HTTP and over TLS.
 * Phase 1 is `HERD_PHASES=scaling`, phases 2–4 `HERD_PHASES=load`.
 * Phases 2 and 3 run at both doors: plain HTTP on the v4 API, and TLS on
 * Puppet's v3 API with each node's own certificate and a handshake per
 * connection, as puppetserver's agents pay it.
 */
const HERD = Number(process.env['HERD_NODES'] ?? 10_000);
const WINDOW_S = Number(process.env['WINDOW_S'] ?? 20);
const CLIENT_TIMEOUT_MS = 10_000;
const LOADS = [1, 2, 5, 10];
/** Attempts in flight at most: the generator's own bound (file descriptors). */
const MAX_IN_FLIGHT = 8000;

/**
 * One ssldir for every server of the run (the CA, the server's
 * certificate, and the nodes' certificates, made once: thousands take
 * minutes), with a fresh data directory per phase.
 */
const SSL_DIR = mkdtempSync(join(tmpdir(), 'troupe-herd-ssl-'));

async function withServe<T>(args: string[], body: (s: ServeChild, peak: () => number) => Promise<T>, cpus?: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-herd-'));
  const serve = await startServe(['--data-dir', dir, '--ssl-dir', SSL_DIR, '--durability', 'full', ...args], cpus);
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, serve.treeRssMb()); }, 250);
  try {
    await new Promise((r) => setTimeout(r, 1500)); // workers up
    return await body(serve, () => peak);
  } finally {
    clearInterval(sampler);
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const agent = { requestTimeoutMs: CLIENT_TIMEOUT_MS, runTimeoutMs: 600_000, report: false, retryAfterScale: 1 };

/** How the load reaches a server: one of its doors, the API agents speak there, and how an attempt is made. */
interface Door {
  readonly name: 'plain' | 'tls';
  /** Distinct nodes the load cycles over (Infinity: every run a new node). */
  readonly nodes: number;
  agent(s: ServeChild): AgentRunOptions;
  /** One agent's catalog request on its own connection; its status, 0 for a timeout or reset. */
  attempt(s: ServeChild, index: number): Promise<number>;
}

const PLAIN: Door = {
  name: 'plain',
  nodes: Infinity,
  agent: (s) => ({ ...agent, url: s.url, api: 'v4' }),
  attempt: (s, index) => send(new URL(s.url), AGENT_APIS.v4.catalog(fleetNode(index), crypto.randomUUID()), CLIENT_TIMEOUT_MS).then((r) => r.status, () => 0),
};

/**
 * Puppet's door: v3 over TLS, each node with its own certificate. Only
 * HERD nodes have one, so the load cycles over them; the TLS contexts are
 * made once, as the generator's CPU is what limits the offered load.
 */
function tlsDoor(certificates: (certname: string) => AgentTls): Door & { readonly states: readonly AgentTlsState[] } {
  const states: AgentTlsState[] = Array.from({ length: HERD }, (_x, i) => agentTlsState(certificates(fleetNode(i).certname)));
  return {
    name: 'tls',
    states,
    nodes: HERD,
    agent: (s) => ({ ...agent, url: s.httpsUrl, api: 'v3', tls: certificates }),
    attempt: (s, index) => send(new URL(s.httpsUrl), AGENT_APIS.v3.catalog(fleetNode(index % HERD), crypto.randomUUID()), CLIENT_TIMEOUT_MS, states[index % HERD]).then((r) => r.status, () => 0),
  };
}

/**
 * Closed loop: `concurrency` agents back to back for `seconds` (or until
 * `runs` runs have started), cycling over `nodes` nodes (Infinity: each
 * run a new node). Catalogs delivered, and the seconds until the last run
 * in flight ended.
 */
async function closedLoop(o: AgentRunOptions, seconds: number, nodes: number, runs = Infinity, concurrency = 48): Promise<{ done: number; seconds: number }> {
  let next = 0; let done = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end && next < runs) {
      const r = await agentRun(next++ % nodes, o);
      if (r.outcome === 'ok') done++;
    }
  }));
  return { done, seconds: (performance.now() - started) / 1000 };
}

/** Catalogs/s of a closed loop (see closedLoop). */
async function capacity(o: AgentRunOptions, seconds: number, nodes: number): Promise<number> {
  const { done, seconds: took } = await closedLoop(o, seconds, nodes);
  return done / took;
}

/** Capacity plus where its CPU went: ms per catalog in the workers, the primary (all threads) and this generator. */
interface Measured { rate: number; workersMs: number; primaryMs: number; generatorMs: number }

/**
 * Compiles per worker before measuring: V8 keeps optimizing a heavy
 * compile for hundreds of runs (policy site ×4: 52 ms per compile after
 * 100 runs, 40 ms after 2,000), and a shorter warm-up by time would leave
 * 2 workers, each with half the runs behind it, colder than 1.
 */
const WARM_COMPILES_PER_WORKER = 1000;

async function measuredCapacity(s: ServeChild, nodes: number, workers: number): Promise<Measured> {
  // Warm-up: every node known, its actor live and its catalog stored, as in
  // a fleet's steady state, and every worker's JIT warm (at most 120 s).
  await closedLoop(PLAIN.agent(s), 120, nodes, Math.max(nodes, workers * WARM_COMPILES_PER_WORKER));
  const cpu0 = s.cpuSeconds(); const gen0 = process.cpuUsage();
  const { done, seconds } = await closedLoop(PLAIN.agent(s), 10, nodes);
  const cpu1 = s.cpuSeconds(); const gen = process.cpuUsage(gen0);
  const rate = done / seconds;
  const perCatalog = (cpu: number): number => (cpu * 1000) / done;
  return { rate, workersMs: perCatalog(cpu1.workers - cpu0.workers), primaryMs: perCatalog(cpu1.primary - cpu0.primary), generatorMs: perCatalog((gen.user + gen.system) / 1e6) };
}

/** The site's compile on one core, in-process: ms per catalog and catalog size. */
async function compileCost(codeDir: string): Promise<{ ms: number; kb: number; resources: number }> {
  const { msPerCompile, catalogs } = await timeBuiltinCompiles(codeDir, Array.from({ length: 200 }, (_x, i) => fleetNode(i)), WARM_COMPILES_PER_WORKER / 200);
  const mean = (f: (c: PuppetCatalog) => number): number => catalogs.reduce((sum, c) => sum + f(c), 0) / catalogs.length;
  return { ms: msPerCompile, kb: mean((c) => JSON.stringify(c).length) / 1024, resources: mean((c) => c.resources.length) };
}

interface Scaling { site: string; nodes: number; compile: { ms: number; kb: number; resources: number }; one: Measured; two: Measured; ratios: number[] }

/** Policy sites measured: ×1, and ×4 whose compile costs about what real Puppet's did for the 54-resource example site (39 ms). */
const POLICY_SCALES = [1, 4];

/** Rounds of 1 worker then 2 workers, interleaved so that drift of the machine hits both alike. */
const SCALING_ROUNDS = 3;

async function workerScaling(site: string, codeDir: string, nodes: number): Promise<Scaling> {
  const compile = await compileCost(codeDir);
  const run = (workers: number): Promise<Measured> => withServe(['--workers', String(workers), '--code-dir', codeDir], (s) => measuredCapacity(s, nodes, workers));
  const rounds: Array<{ one: Measured; two: Measured }> = [];
  for (let r = 0; r < SCALING_ROUNDS; r++) rounds.push({ one: await run(1), two: await run(2) });
  const one = mean(rounds.map((r) => r.one));
  const two = mean(rounds.map((r) => r.two));
  const ratios = rounds.map((r) => r.two.rate / r.one.rate);
  console.log(`${site}: ${JSON.stringify({ compile, one, two, ratios })}`);
  return { site, nodes, compile, one, two, ratios };
}

function mean(ms: readonly Measured[]): Measured {
  const avg = (f: (m: Measured) => number): number => ms.reduce((sum, m) => sum + f(m), 0) / ms.length;
  return { rate: avg((m) => m.rate), workersMs: avg((m) => m.workersMs), primaryMs: avg((m) => m.primaryMs), generatorMs: avg((m) => m.generatorMs) };
}

/**
 * Poisson arrivals at `rate`/s for WINDOW_S; one attempt each, every
 * arrival a different node: two requests of one node would merge into one
 * compile in its mailbox and flatter the goodput.
 */
async function overload(s: ServeChild, door: Door, rate: number): Promise<{ goodput: number; refused: number; failed: number; unsent: number; sentRate: number; p50: number }> {
  let ok = 0; let refused = 0; let failed = 0; let i = 0; let inFlight = 0; let unsent = 0;
  const lat = new LatencyStats();
  const runs: Promise<void>[] = [];
  const end = performance.now() + WINDOW_S * 1000;
  let t = performance.now();
  while (t < end) {
    t += -Math.log(1 - Math.random()) * (1000 / rate);
    const wait = t - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      unsent++;
      continue;
    }
    const started = performance.now();
    inFlight++;
    runs.push(door.attempt(s, i++).then((status) => {
      inFlight--;
      if (status === 200 && performance.now() - started <= CLIENT_TIMEOUT_MS) { ok++; lat.add(performance.now() - started); }
      else if (status === 503) refused++;
      else failed++;
    }));
  }
  await Promise.all(runs);
  return { goodput: ok / WINDOW_S, refused, failed, unsent, sentRate: runs.length / WINDOW_S, p50: lat.percentile(50) };
}

/**
 * A herd agent's request timeout: Puppet's `http_connect_timeout` (2 min),
 * as the agents of the puppetserver reference had. Over TLS the server's
 * one event loop makes ~600 handshakes/s, so the last of 10,000 agents
 * arriving in one second waits longer for its handshake than the 10 s the
 * overload phases allow.
 */
const HERD_TIMEOUT_MS = 120_000;

/** Refused attempts per door when measuring what a refusal costs. */
const REFUSALS = 5000;

/**
 * `HERD_PHASES`: `scaling` (1 vs 2 workers, a quarter of an hour) and
 * `load` (herd, refusal cost, overload, at both doors); each writes its
 * own section of docs/benchmarks.md. @defaultValue both
 */
const PHASES = new Set((process.env['HERD_PHASES'] ?? 'scaling,load').split(','));

/**
 * `-- --instances 1,2`: only the instance-scaling phase — capacity of that
 * many `troupe serve` instances on one PostgreSQL 15 on the compile-bound
 * policy site ×4 (`INSTANCE_NODES` nodes, default 300; `INSTANCE_ROUNDS`
 * rounds, default 2), printed, not written
 * to docs/benchmarks.md. With `--compile-queue` as well, a loopback
 * ActiveMQ (`ops/scripts/activemq.sh`, port `BENCH_STOMP_PORT`, default
 * 61793) is started and the instances (one actor worker each, as without
 * it) compile through its compile queue instead of on their shards' holders.
 */
const COMPILE_QUEUE = process.argv.includes('--compile-queue');
const INSTANCES = process.argv.includes('--instances')
  ? process.argv[process.argv.indexOf('--instances') + 1]!.split(',').map(Number)
  : undefined;

async function main(): Promise<void> {
  if (INSTANCES) return instancesPhase(INSTANCES);
  try {
    if (PHASES.has('scaling')) reportScaling(await scalingPhase());
    if (PHASES.has('load')) await loadPhase();
  } finally {
    rmSync(SSL_DIR, { recursive: true, force: true });
  }
}

async function instancesPhase(counts: readonly number[]): Promise<void> {
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error('--instances: a list of counts from 1 to 8, e.g. 1,2');
  const policyDir = mkdtempSync(join(tmpdir(), 'troupe-policy-site-'));
  writePolicySite(policyDir, 4);
  const broker = COMPILE_QUEUE ? benchBroker() : undefined;
  try {
    const runs = await instanceScaling(counts, {
      codeDir: policyDir, nodes: Number(process.env['INSTANCE_NODES'] ?? 300), rounds: Number(process.env['INSTANCE_ROUNDS'] ?? 2),
      ...(broker ? { stompUrl: broker.url } : {}),
    });
    const base = runs[0]!;
    console.log(`Instances on one PostgreSQL 15 (policy site ×4, 1 actor worker each${broker ? ', compile jobs over ActiveMQ' : ''}, ${machine()}):

| instances | catalogs/s | vs ${base.instances} | CPU ms per catalog: instances / PostgreSQL / generator | instances' split: main threads / other threads / actor workers |
|---:|---:|---:|---|---|
${runs.map((r) => `| ${r.instances} | ${r.rate.toFixed(1)} | ${(r.rate / base.rate).toFixed(2)}× | ${r.serveMs.toFixed(1)} / ${r.postgresMs.toFixed(1)} / ${r.generatorMs.toFixed(1)} | ${r.split.mainMs.toFixed(1)} / ${r.split.threadsMs.toFixed(1)} / ${r.split.workersMs.toFixed(1)} |`).join('\n')}

On a 2-core machine the ceiling is the cores: 2,000 ms of CPU per second over the CPU of one catalog.`);
  } finally {
    broker?.stop();
    rmSync(policyDir, { recursive: true, force: true });
    rmSync(SSL_DIR, { recursive: true, force: true });
  }
}

/** A loopback ActiveMQ for `--compile-queue`, with a fresh data directory, until `stop`. */
function benchBroker(): { readonly url: string; stop(): void } {
  const port = Number(process.env['BENCH_STOMP_PORT'] ?? 61793);
  const data = mkdtempSync(join(tmpdir(), 'troupe-herd-amq-'));
  const script = (cmd: string) => spawnSync('bash', [join(packageRoot(), 'ops/scripts/activemq.sh'), cmd, '--port', String(port), '--data', data], { stdio: 'inherit' });
  if (script('start').status !== 0) throw new Error(`ActiveMQ did not start on port ${port}`);
  return {
    url: `stomp://127.0.0.1:${port}`,
    stop: () => {
      script('stop');
      rmSync(data, { recursive: true, force: true });
    },
  };
}

async function scalingPhase(): Promise<Scaling[]> {
  const scaling = [await workerScaling('example site', defaultConfig().codeDir, 2000)];
  for (const scale of POLICY_SCALES) {
    const policyDir = mkdtempSync(join(tmpdir(), 'troupe-policy-site-'));
    writePolicySite(policyDir, scale);
    scaling.push(await workerScaling(`policy site ×${scale}`, policyDir, 300));
    rmSync(policyDir, { recursive: true, force: true });
  }
  return scaling;
}

async function loadPhase(): Promise<void> {
  const certsStarted = performance.now();
  const certificates = await nodeCertificates(SSL_DIR, HERD);
  const msPerCertificate = (performance.now() - certsStarted) / HERD;
  console.log(`${HERD} node certificates (ECDSA P-256): ${msPerCertificate.toFixed(1)} ms each`);
  const TLS = tlsDoor(certificates);

  const herd: HerdResult[] = [];
  for (const [door, mode] of [[PLAIN, 'on'], [TLS, 'on'], [TLS, 'no hold']] as const) {
    herd.push(await withServe(['--workers', '2', ...modeArgs(mode)], async (s, peak) => {
      const started = performance.now();
      const stats = await new FleetSimulator({ ...door.agent(s), requestTimeoutMs: HERD_TIMEOUT_MS, nodes: HERD, splayMs: 1000, runsPerNode: 1 }).run();
      return { door: door.name, mode, ...stats, seconds: (performance.now() - started) / 1000, peakRss: peak() };
    }));
    console.log(`herd ${door.name} ${mode}: ${JSON.stringify(herd.at(-1))}`);
  }

  // The overload generator would otherwise take the server's CPU: the
  // server (primary + workers) gets CPU 1, this process CPU 0.
  pinSelf('0');
  const holdDir = holdingSite();
  const resumable = Array.from({ length: 16 }, (_x, lane) => agentTlsState(certificates(fleetNode(lane).certname), true));
  const refusals = [
    ...await withServe([...HOLDING_ARGS, ...modeArgs('no hold'), '--code-dir', holdDir], (s) => measureRefusals(s, [
      { name: 'plain HTTP (v4)', attempt: (srv, i) => PLAIN.attempt(srv, i) },
      { name: 'TLS, no hold: full handshake + 503 (v3)', attempt: (srv, i) => TLS.attempt(srv, i) },
      {
        name: 'TLS, no hold: session resumed + 503 (v3)',
        attempt: (srv, _i, lane) => send(new URL(srv.httpsUrl), AGENT_APIS.v3.catalog(fleetNode(lane), crypto.randomUUID()), CLIENT_TIMEOUT_MS, resumable[lane]).then((r) => r.status, () => 0),
      },
    ], REFUSALS), '1'),
    ...await withServe([...HOLDING_ARGS, '--code-dir', holdDir], (s) => measureRefusals(s, [{
      name: `TLS, held before the handshake; the client gives up after ${GIVE_UP_MS} ms (v3)`,
      attempt: (srv, i) => send(new URL(srv.httpsUrl), AGENT_APIS.v3.catalog(fleetNode(i % HERD), crypto.randomUUID()), GIVE_UP_MS, TLS.states[i % HERD]).then((r) => r.status, () => 0),
    }], REFUSALS), '1'),
  ];
  rmSync(holdDir, { recursive: true, force: true });

  const pinnedCap = {} as Record<Door['name'], number>;
  for (const door of [PLAIN, TLS]) {
    pinnedCap[door.name] = await withServe(['--workers', '1'], async (s) => { await capacity(door.agent(s), 3, door.nodes); return capacity(door.agent(s), 10, door.nodes); }, '1');
    console.log(`pinned capacity ${door.name} (server on 1 CPU): ${pinnedCap[door.name].toFixed(0)}/s`);
  }
  const curves: Curve[] = [{ door: PLAIN, mode: 'on', points: [] }, { door: PLAIN, mode: 'off', points: [] }, { door: TLS, mode: 'on', points: [] }, { door: TLS, mode: 'no hold', points: [] }];
  for (const curve of curves) {
    for (const load of LOADS) {
      const r = await withServe(['--workers', '1', ...modeArgs(curve.mode)], async (s, peak) => ({ ...(await overload(s, curve.door, load * pinnedCap[curve.door.name])), rss: peak() }), '1');
      curve.points.push({ load, ...r });
      console.log(`${curve.door.name} admission ${curve.mode} ${load}×: ${JSON.stringify(r)}`);
    }
  }
  reportLoad({ msPerCertificate, herd, refusals, pinnedCap, curves });
}

function scalingRow(x: Scaling): string {
  const t = x.two;
  const ceiling = 2000 / (t.workersMs + t.primaryMs + t.generatorMs);
  return `| ${x.site} | ${x.nodes} | ${x.compile.ms.toFixed(2)} ms | ${x.compile.resources.toFixed(0)} resources, ${x.compile.kb.toFixed(0)} KB | ${x.one.rate.toFixed(0)}/s | ${t.rate.toFixed(0)}/s | **${(t.rate / x.one.rate).toFixed(2)}×** (rounds: ${x.ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}) | ${t.workersMs.toFixed(2)} / ${t.primaryMs.toFixed(2)} / ${t.generatorMs.toFixed(2)} ms | ${ceiling.toFixed(0)}/s (${(ceiling / x.one.rate).toFixed(2)}× of 1 worker) |`;
}

function pinSelf(cpus: string): void {
  spawnSync('taskset', ['-cp', cpus, String(process.pid)], { stdio: 'ignore' });
}

interface HerdResult { door: Door['name']; mode: Mode; ok: number; failed: number; retries: number; p50Ms: number; p99Ms: number; seconds: number; peakRss: number }

/**
 * Admission as the server is run: `on` (the defaults: over TLS, connections
 * wait unhandshaken while admission is shut), `off` (no high-water mark),
 * `no hold` (over TLS, a refusal is a handshake and a 503 at once, as
 * puppetserver's).
 */
type Mode = 'on' | 'off' | 'no hold';

function modeArgs(mode: Mode): string[] {
  return mode === 'off' ? ['--admission-high-water', '10000000'] : mode === 'no hold' ? ['--tls-hold-seconds', '0'] : [];
}

/** A held TLS attempt of the refusal measurement gives up after this long. */
const GIVE_UP_MS = 100;

interface Curve {
  readonly door: Door;
  readonly mode: Mode;
  readonly points: Array<{ load: number; goodput: number; refused: number; failed: number; unsent: number; sentRate: number; p50: number; rss: number }>;
}

interface Results {
  msPerCertificate: number;
  herd: readonly HerdResult[];
  refusals: readonly RefusalCost[];
  pinnedCap: Record<Door['name'], number>;
  curves: readonly Curve[];
}

const DOOR_LABEL: Record<Door['name'], string> = { plain: 'plain HTTP, v4', tls: 'TLS, v3' };
const MODE_LABEL: Record<Mode, string> = { on: 'on', off: 'off', 'no hold': 'on, no hold (503 at once)' };

function reportScaling(scaling: readonly Scaling[]): void {
  const text = `Command: \`HERD_PHASES=scaling npm run bench:herd\` — \`troupe serve\` (built-in compiler, durability full) on a fresh data directory per run, plain HTTP on the v4 API, load from the same machine over loopback.
Machine: ${machine()}.

Closed loop, 48 agents back to back over N nodes; warm-up until every worker has compiled ${WARM_COMPILES_PER_WORKER.toLocaleString('en-US')} catalogs, then 10 s measured; ${SCALING_ROUNDS} rounds of 1 worker then 2 workers, interleaved, rates and CPU averaged over the rounds; CPU per catalog from /proc of the primary, of the workers, and of the generator itself, all on the same 2 cores. Sites: the example site, and a compile-bound *policy site* (written by \`ops/bench/herd/policy-site.ts\`: 6,000 firewall rules and 3,000 accounts in hiera that every node filters down to its share); ×4 has four times the rules and accounts and the same share per node, so its compile costs about what real Puppet 7's did for the 54-resource example site on this machine (39 ms), with a catalog of the same size as ×1. Workers run with the V8 flags of \`ops/cluster/worker-runtime.ts\`.

| site | nodes | compile (one core, warm) | catalog | 1 worker | 2 workers | speed-up | CPU per catalog with 2 workers: workers / primary / generator | ceiling with 2 workers: 2 cores ÷ CPU per catalog |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${scaling.map(scalingRow).join('\n')}`;
  console.log(text);
  writeBenchmarkSection('Herd: 1 worker vs 2 workers', text);
}

function reportLoad({ msPerCertificate, herd, refusals, pinnedCap, curves }: Results): void {
  // Each door's goodput relative to its own goodput at 1× with admission on.
  const base = (door: Door['name']): number => curves.find((c) => c.door.name === door && c.mode === 'on')!.points[0]!.goodput || 1;
  const pct = (c: Curve, goodput: number): number => (goodput / base(c.door.name)) * 100;
  const rows = curves.flatMap((curve) => curve.points.map((c) =>
    `| ${DOOR_LABEL[curve.door.name]} | ${MODE_LABEL[curve.mode]} | ${c.load}× (${Math.round(c.load * pinnedCap[curve.door.name])}/s) | ${Math.round(c.sentRate)}/s${c.unsent ? ` (${c.unsent} not sent)` : ''} | ${c.goodput.toFixed(0)} | ${pct(curve, c.goodput).toFixed(0)} % | ${c.refused} | ${c.failed} | ${(c.p50 / 1000).toFixed(2)} s | ${c.rss.toFixed(0)} MB |`));
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
  writeFileSync(join(packageRoot(), 'docs/herd.svg'), goodputChart(curves.map((curve, i) => ({
    name: `${DOOR_LABEL[curve.door.name]}, admission ${MODE_LABEL[curve.mode]}`, color: colors[i]!, points: curve.points.map((c) => [c.load, pct(curve, c.goodput)] as const),
  })), `Troupe goodput vs offered load (server on 1 CPU, built-in compiler)`));
  const herdRow = (h: HerdResult): string => {
    return `| ${DOOR_LABEL[h.door]}${h.mode === 'on' ? '' : `, ${MODE_LABEL[h.mode]}`} | ${HERD} | ${h.ok} | ${h.failed} | ${h.retries} | ${h.seconds.toFixed(1)} s | ${(h.p50Ms / 1000).toFixed(1)} s | ${(h.p99Ms / 1000).toFixed(1)} s | ${h.peakRss.toFixed(0)} MB |`;
  };
  const plainRefusal = refusals[0]!.serverUs;
  const refusalRows = refusals.map((r) => `| ${r.door} | ${r.attempts} | ${r.not503} | ${r.serverUs.toFixed(0)} µs | ${(r.serverUs / plainRefusal).toFixed(1)}× | ${r.generatorUs.toFixed(0)} µs |`);
  const text = `Command: \`HERD_PHASES=load npm run bench:herd\` — \`troupe serve\` (built-in compiler, example site, durability full) on a fresh data directory per phase; load from the same machine over loopback, at both of its doors: plain HTTP on the v4 API (\`POST /puppet/v4/catalog\`), and TLS on Puppet's v3 API (\`POST /puppet/v3/catalog/<certname>\`, form-encoded as Puppet 7 sends it) with each node's own certificate and a full handshake per connection, as puppetserver's agents pay it. The server's certificate is ECDSA P-256, signed by the RSA-4096 CA; the nodes' keys are ECDSA P-256 (Puppet's \`key_type = ec\`), made by the CA beforehand (${msPerCertificate.toFixed(1)} ms each, most of it the CA's fsyncs).
Machine: ${machine()}. Reference (puppetserver 7.9.5, same machine): 2,000 agents in 1 s → 1,466 failed runs; at 10× overload 80–95 % of requests failed.

Worker scaling: the section "Herd: 1 worker vs 2 workers" (\`HERD_PHASES=scaling\`).

**Herd**: ${HERD.toLocaleString('en-US')} agents arriving within one second, one run each, honouring \`Retry-After\`, with Puppet's ${HERD_TIMEOUT_MS / 60_000}-minute connect timeout (2 workers; over TLS every retry is a new connection and a full handshake). Over TLS, by default a connection that arrives while admission is shut waits unhandshaken (up to \`--tls-hold-seconds\`, 60) and is handshaken when its request can be admitted; "no hold" (\`--tls-hold-seconds 0\`) answers it with a handshake and a 503 at once, as puppetserver does:

| door | agents | catalogs | failed runs | 503s then retried | converged after | p50 time to catalog | p99 | peak RSS (primary + workers) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${herd.map(herdRow).join('\n')}

**What a refusal costs**: the server pinned to one CPU with one admission slot, held by a compile that runs for a minute, so every catalog request takes the fast refusal path (503 + \`Retry-After\`, connection closed); ${REFUSALS.toLocaleString('en-US')} attempts per door, 16 at a time, each on a connection of its own; CPU of the server's primary (TLS and HTTP run there; net of its idle CPU over the same time, measured for 5 s before: ${refusals.map((r) => r.idleMsPerSecond.toFixed(0)).join(' / ')} ms/s per row) and of the generator, per attempt. "Session resumed": each of the 16 callers offers the session of its previous connection (TLS 1.3 ticket). "Held": the default TLS door does not refuse; the connection waits unhandshaken, and this client gives up after ${GIVE_UP_MS} ms (so every attempt is "not 503"): what a client the door cannot serve costs it.

| door | attempts | not 503 | server CPU per attempt | × plain | generator CPU per attempt |
|---|---:|---:|---:|---:|---:|
${refusalRows.join('\n')}

**Goodput under overload**: the server pinned to one CPU (\`taskset -c 1\`, 1 worker; capacity measured the same way, per door: ${pinnedCap.plain.toFixed(0)} catalogs/s over plain HTTP, ${pinnedCap.tls.toFixed(0)}/s over TLS), the generator to the other, so refusing the excess is not confounded by the generator's own CPU use; Poisson arrivals at multiples of that door's capacity for ${WINDOW_S} s; each arrival is one agent's attempt on a connection of its own, with a ${CLIENT_TIMEOUT_MS / 1000} s client timeout; goodput = catalogs delivered within the timeout per second, and % of 1× is of the same door's goodput at 1× with admission on. Over plain HTTP every arrival is a different node, so no two requests merge into one compile; over TLS the arrivals cycle over the ${HERD.toLocaleString('en-US')} nodes that have certificates (a node comes back ${HERD.toLocaleString('en-US')} arrivals later, long after its previous request was answered). "off" sets the high-water mark to 10,000,000; "no hold" is \`--tls-hold-seconds 0\` (every connection handshaken at once, refused with a 503 if admission is shut, as puppetserver does). The generator keeps at most ${MAX_IN_FLIGHT} attempts in flight; arrivals beyond are counted as not sent.

| door | admission | offered | sent by the generator | goodput/s | % of 1× (on) | 503 refused | failed (timeout, reset, error) | p50 latency | peak RSS |
|---|---|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

![goodput vs offered load](herd.svg)`;
  console.log(text);
  writeBenchmarkSection('Herd and overload', text);
}

await main();
