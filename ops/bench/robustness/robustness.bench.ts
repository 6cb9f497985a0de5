import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { machine, writeBenchmarkSection } from '../support/bench-report.js';
import { measureDiskFullRecovery } from './disk-full.scenario.js';
import { hostileRequest } from './hostile-requests.js';
import { rawRequest } from './raw-http.js';
import { startServe, type ServeChild } from '../support/serve-child.js';

/**
 * `npm run bench:robustness`: what hostile or unlucky input costs Troupe.
 * 1. Generated hostile requests against `troupe serve` on embedded
 *    defaults: answers by kind, crashes, acknowledged commands lost.
 * 2. Hostile manifests: how long each holds a worker (target ≤ the compile
 *    deadline) and how other nodes' catalogs are answered meanwhile.
 * 3. A full disk (a small tmpfs as the data directory), then space freed:
 *    acknowledged commands lost, and the time to recover without restart.
 */
const REQUESTS = Number(process.env['ROBUSTNESS_REQUESTS'] ?? 1000);
const SEED = 42;

interface KindRow { tried: number; statuses: Map<number, number> }

async function hostileRequests(): Promise<{ rows: Map<string, KindRow>; crashes: number; lost: number; acked: number; statusMaxMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-bench-robust-'));
  const serve = await startServe(['--data-dir', dataDir]);
  const rows = new Map<string, KindRow>();
  const acked: string[] = [];
  let crashes = 0;
  let statusMaxMs = 0;
  try {
    for (const h of fc.sample(hostileRequest, { numRuns: REQUESTS, seed: SEED })) {
      const r = await rawRequest(serve.url, h.bytes, 30_000);
      const row = rows.get(h.kind) ?? { tried: 0, statuses: new Map() };
      rows.set(h.kind, row);
      row.tried++;
      row.statuses.set(r.status, (row.statuses.get(r.status) ?? 0) + 1);
      if (r.status >= 200 && r.status < 300) acked.push(...h.ackedIds(r.status, r.text.slice(r.text.indexOf('\r\n\r\n') + 4)));
      const t0 = performance.now();
      const alive = serve.child.exitCode === null && (await fetch(`${serve.url}/status`).then((s) => s.ok, () => false));
      statusMaxMs = Math.max(statusMaxMs, performance.now() - t0);
      if (!alive) {
        crashes++;
        break;
      }
    }
    const log = new SqliteEventLog({ path: join(dataDir, 'events.db') });
    const logged = new Set((await log.read(0, { limit: 10_000_000 })).map((e) => e.id));
    await log.close();
    return { rows, crashes, lost: acked.filter((id) => !logged.has(id)).length, acked: acked.length, statusMaxMs };
  } finally {
    await stop(serve);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each hostile node's manifest; every other node gets a one-resource catalog. */
const HOSTILE_SITE = `
define bomb(Integer $n) {
  if $n > 0 {
    bomb { "\${title}-a": n => $n - 1 }
    bomb { "\${title}-b": n => $n - 1 }
  }
}
node 'loop.example.com' { 100000.each |$i| { 100000.each |$j| { } } }
node 'regex.example.com' { if $facts['payload'] =~ /^(a+)+$/ { notify { 'matched': } } }
node 'define.example.com' { bomb { 'root': n => 40 } }
node 'string.example.com' { $s = [${Array.from({ length: 64 }, (_x, i) => i).join(', ')}].reduce('ab') |$m, $i| { "\${m}\${m}" } notify { $s: } }
node 'map.example.com' { $x = 1500000000.map |$i| { $i } notify { "\${x}": } }
node default { notify { "hello \${trusted['certname']}": } }
`;
const HOSTILE_NODES = ['loop', 'regex', 'define', 'string', 'map'];

function hostileEnvironment(): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-hostile-'));
  mkdirSync(join(dir, 'manifests'));
  writeFileSync(join(dir, 'manifests/site.pp'), HOSTILE_SITE);
  return dir;
}

const catalogBody = (certname: string): string => JSON.stringify({
  certname, environment: 'production', facts: { values: { payload: `${'a'.repeat(40)}!`, networking: { fqdn: certname } } },
});

async function requestCatalog(url: string, certname: string): Promise<{ status: number; ms: number; message: string }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/puppet/v4/catalog`, { method: 'POST', body: catalogBody(certname), signal: AbortSignal.timeout(120_000) })
    .catch((e: Error) => ({ status: 0, text: async () => e.message }));
  const text = await res.text();
  let message = '';
  try { message = (JSON.parse(text) as { message?: string }).message ?? ''; } catch { message = text.slice(0, 80); }
  return { status: res.status, ms: performance.now() - t0, message };
}

interface CompileRow { node: string; status: number; heldMs: number; message: string }
interface FleetFigures { answered: number; failed: number; medianMs: number; maxMs: number }

const FLEET = 20;

/** FLEET normal nodes, each asking for its catalog again 100 ms after every answer, until `running()` is false. */
async function normalFleet(url: string, running: () => boolean): Promise<FleetFigures> {
  const latencies: number[] = [];
  let failed = 0;
  await Promise.all(Array.from({ length: FLEET }, async (_x, i) => {
    while (running()) {
      const r = await requestCatalog(url, `web${i}.example.com`);
      if (r.status === 200) latencies.push(r.ms);
      else failed++;
      await new Promise((res) => setTimeout(res, 100));
    }
  }));
  latencies.sort((a, b) => a - b);
  return { answered: latencies.length, failed, medianMs: latencies[latencies.length >> 1] ?? 0, maxMs: latencies.at(-1) ?? 0 };
}

async function hostileCompiles(): Promise<{ rows: CompileRow[]; others: FleetFigures }> {
  const codeDir = hostileEnvironment();
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-bench-hostile-data-'));
  const serve = await startServe(['--data-dir', dataDir, '--code-dir', codeDir]);
  let running = true;
  const fleet = normalFleet(serve.url, () => running);
  try {
    const rows: CompileRow[] = [];
    for (const name of HOSTILE_NODES) {
      const r = await requestCatalog(serve.url, `${name}.example.com`);
      rows.push({ node: `${name}.example.com`, status: r.status, heldMs: r.ms, message: r.message });
    }
    running = false;
    return { rows, others: await fleet };
  } finally {
    running = false;
    await fleet;
    await stop(serve);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(codeDir, { recursive: true, force: true });
  }
}

/** The issue's case: 8 bodies of 50 MB at once; what is admitted, and what the primary's memory does. */
async function largeBodies(): Promise<{ statuses: Map<number, number>; peakMb: number; beforeMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-bench-bodies-'));
  const serve = await startServe(['--data-dir', dataDir]);
  try {
    const beforeMb = serve.peakRssMb();
    const body = JSON.stringify({ certname: 'big.example.com', environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'p', values: { blob: 'x'.repeat(50 << 20) } });
    const answers = await Promise.all(Array.from({ length: 8 }, () =>
      fetch(`${serve.url}/pdb/cmd/v1?command=replace_facts&version=5`, { method: 'POST', body }).then((r) => r.status, () => 0)));
    const statuses = new Map<number, number>();
    for (const s of answers) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    return { statuses, peakMb: serve.peakRssMb(), beforeMb };
  } finally {
    await stop(serve);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function stop(serve: ServeChild): Promise<void> {
  if (serve.child.exitCode === null) await serve.stop();
}

const statusList = (m: Map<number, number>): string => [...m].sort(([a], [b]) => a - b).map(([s, n]) => `${s === 0 ? 'none' : s} ×${n}`).join(', ');

async function main(): Promise<void> {
  console.log(`robustness: ${REQUESTS} generated hostile requests (seed ${SEED}) against troupe serve on embedded defaults`);
  const requests = await hostileRequests();
  console.log('hostile compiles: each hostile node once, while 20 normal nodes keep asking');
  const compiles = await hostileCompiles();
  console.log('large bodies: 8 × 50 MB at once');
  const bodies = await largeBodies();
  console.log('disk full: a small tmpfs as the data directory, filled, then freed');
  const disk = await measureDiskFullRecovery();

  const tried = [...requests.rows.values()].reduce((n, r) => n + r.tried, 0);
  const body = `
\`npm run bench:robustness\` (${machine()}), ${new Date().toISOString().slice(0, 10)}.

**Hostile requests**: ${tried} generated requests (fast-check, seed ${SEED}) against \`troupe serve\` on embedded defaults; \`/status\` asked after each.

| kind of input | tried | answers |
|---|---:|---|
${[...requests.rows].map(([kind, r]) => `| ${kind} | ${r.tried} | ${statusList(r.statuses)} |`).join('\n')}

Crashes: **${requests.crashes}** (target 0). Acknowledged commands: ${requests.acked}, lost: **${requests.lost}** (target 0). Slowest \`/status\` after a hostile request: ${requests.statusMaxMs.toFixed(0)} ms.

A 500 from \`/puppet/v4/catalog\` is Puppet's own answer for a node whose manifest fails to compile (here: generated facts without \`os\`), with the reason.

**Hostile manifests** (default bounds: deadline 20 s, 200 M steps), one request each, one after another, while ${FLEET} other nodes ask for their catalogs again 100 ms after each answer:

| node | answer | worker held | reason |
|---|---|---:|---|
${compiles.rows.map((r) => `| ${r.node} | ${r.status} | ${(r.heldMs / 1000).toFixed(2)} s | ${r.message.replace(/\|/g, '\\|').slice(0, 140)} |`).join('\n')}

Other nodes meanwhile: ${compiles.others.answered} catalogs answered, ${compiles.others.failed} not; median ${compiles.others.medianMs.toFixed(0)} ms, slowest ${(compiles.others.maxMs / 1000).toFixed(2)} s (a node on the worker a hostile compile holds waits for it, at most the deadline).

**Large bodies**: 8 commands of 50 MB each at once: ${statusList(bodies.statuses)} (the in-flight budget, 64 MiB, admits one at a time); the primary's peak RSS ${bodies.peakMb.toFixed(0)} MB (${bodies.beforeMb.toFixed(0)} MB before).

**Disk full**: ${disk.acknowledged} commands acknowledged, ${disk.refused} refused while the disk was full, lost: **${disk.lost}** (target 0); recovered without a restart ${(disk.recoverMs / 1000).toFixed(2)} s after space was freed (all acknowledged commands projected, \`/status\` running).
`;
  console.log(body);
  writeBenchmarkSection('Robustness (`npm run bench:robustness`)', body);
}

await main();
