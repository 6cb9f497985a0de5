import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machine, writeBenchmarkSection } from '../support/bench-report.js';
import { requirePdbLoad, runPdbLoad, type PdbLoadResult } from './pdb-load-run.js';
import { referencePuppetDbUnavailable, startReferencePuppetDb } from './reference-puppetdb.js';
import { startServe } from '../support/serve-child.js';

/**
 * `npm run bench:query`: `troupe serve` loaded by the shared PuppetDB load
 * generator (BENCH_NODES nodes, default 10,000), then the PuppetDB queries
 * a Puppetboard overview and node page make, a collector's exported-resource
 * query and metadata addressing, each BENCH_ROUNDS times over HTTP after
 * BENCH_WARMUP rounds: p50/p99. Target: every one under 50 ms p99 at 10,000 nodes.
 *
 * Side by side: where Debian's PuppetDB 7 and PostgreSQL 15 can run
 * (reference-puppetdb.ts; BENCH_PUPPETDB=0 skips it), a PuppetDB is loaded
 * by the same generator with PDB_NODES nodes (default 1,000: it processes
 * ~8 commands/s here, so 10,000 nodes would take ~45 minutes), a fresh
 * Troupe with as many, and both answer the same queries the same way.
 *
 * BENCH_DATA_DIR keeps the measured Troupe's data dir between runs: the
 * first run loads it, later ones with as many nodes measure it as loaded
 * (loading 20,000 commands takes minutes; the queries read the same data).
 */
const NODES = Number(process.env['BENCH_NODES'] ?? 10_000);
const PDB_NODES = Number(process.env['PDB_NODES'] ?? 1_000);
const WITH_PUPPETDB = process.env['BENCH_PUPPETDB'] !== '0';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 100);
/** Rounds before measuring: page caches fill, Troupe's query thread starts, PuppetDB's JVM compiles its hot paths. */
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 5);
const DATA_DIR = process.env['BENCH_DATA_DIR'];
const NODE = 'node-00077';
const TARGET_MS = 50;

const QUERIES: readonly (readonly [string, string, Record<string, string>?])[] = [
  ['overview: all nodes', '/pdb/query/v4/nodes'],
  ['overview: nodes by report status', '/pdb/query/v4/nodes', { query: '["extract", [["function", "count"], "latest_report_status"], ["group_by", "latest_report_status"]]' }],
  ['overview: first page of nodes (+ total)', '/pdb/query/v4/nodes', { limit: '50', order_by: '[{"field": "certname"}]', include_total: 'true' }],
  ['facts page: fact names', '/pdb/query/v4/fact-names'],
  ['node page: node', `/pdb/query/v4/nodes/${NODE}`],
  ['node page: facts', `/pdb/query/v4/nodes/${NODE}/facts`],
  ['node page: resources', '/pdb/query/v4/resources', { query: `["=", "certname", "${NODE}"]` }],
  ['node page: catalog', `/pdb/query/v4/catalogs/${NODE}`],
  ['collector: exported Sshkey of other nodes', '/pdb/query/v4/resources', { query: `["and", ["=", "type", "Sshkey"], ["=", "exported", true], ["not", ["=", "certname", "${NODE}"]]]` }],
  ['addressing: dc + role class', '/pdb/query/v4', { query: '["from", "nodes", ["extract", ["certname"], ["and", ["=", ["fact", "datacenter"], "ams1"], ["subquery", "resources", ["and", ["=", "type", "Class"], ["=", "title", "Role::Web"]]]]]]' }],
  ['inventory: facts.os.family', '/pdb/query/v4/inventory', { query: '["extract", ["certname"], ["=", "facts.os.family", "Debian"]]' }],
];

/** One query's figures at one server. */
interface Timing {
  /** Rows of the answer (1 for a single object). */
  readonly rows: number;
  readonly p50: number;
  readonly p99: number;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const urlOf = (base: string, path: string, params?: Record<string, string>): string => `${base}${path}${params ? `?${new URLSearchParams(params)}` : ''}`;

/** One keep-alive connection at a time, as a Puppetboard page's requests are sent. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * GET `url`, reading the answer to its last byte. Kept (for the row count
 * and error texts) only when `keep`: the timed rounds count bytes, as wrk
 * and ab do. Decoding each 5–6 MB answer into a string (`fetch().text()`)
 * made the client's own collector pause inside the timings: on one loaded
 * server, the same 100 requests measured p99 79–102 ms that way and 24–26 ms
 * counting bytes (docs/benchmarks.md).
 */
function get(url: string, keep: boolean): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keep) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, body: keep ? Buffer.concat(chunks).toString('utf8') : '' }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Every query, WARMUP rounds then ROUNDS timed ones, one request at a time. */
async function measure(base: string): Promise<Timing[]> {
  for (let i = 0; i < WARMUP; i++) for (const [, path, params] of QUERIES) await get(urlOf(base, path, params), false);
  const timings: Timing[] = [];
  for (const [name, path, params] of QUERIES) {
    const url = urlOf(base, path, params);
    // Checked and counted once, untimed: parsing a 6 MB answer in every round would leave the
    // client's garbage collector to pause inside the next round's timing.
    const checked = await get(url, true);
    if (checked.status !== 200) throw new Error(`${name} at ${base}: ${checked.status} ${checked.body.slice(0, 300)}`);
    const rows = checked.body.startsWith('[') ? (JSON.parse(checked.body) as unknown[]).length : 1;
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      const { status, bytes } = await get(url, false);
      times.push(performance.now() - started);
      if (status !== 200 || bytes !== checked.bytes) throw new Error(`${name} at ${base}: round ${i} answered ${status} with ${bytes} bytes, not 200 with ${checked.bytes}`);
    }
    times.sort((a, b) => a - b);
    timings.push({ rows, p50: quantile(times, 0.5), p99: quantile(times, 0.99) });
  }
  return timings;
}

/**
 * `troupe serve` loaded with `nodes` nodes, measured, stopped: fresh, or
 * `kept` (BENCH_DATA_DIR), loaded only when its load report for as many
 * nodes is missing, and left in place.
 */
async function troupeAt(nodes: number, kept?: string): Promise<{ timings: Timing[]; loaded: PdbLoadResult }> {
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'troupe-bench-query-'));
  mkdirSync(dir, { recursive: true });
  const report = join(dir, `load-${nodes}-pass1.json`);
  const wasLoaded = kept !== undefined && existsSync(report);
  const serve = await startServe(['--data-dir', dir, '--compiler', 'static', '--workers', '0']);
  try {
    const loaded = wasLoaded ? JSON.parse(readFileSync(report, 'utf8')) as PdbLoadResult : await runPdbLoad(serve.url, nodes, 1, dir);
    // A load that did not complete is not kept for the next run.
    if (kept !== undefined && !loaded.completed) rmSync(report, { force: true });
    return { timings: await measure(serve.url), loaded };
  } finally {
    await serve.stop();
    if (kept === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** PuppetDB with `nodes` nodes, measured, stopped; or why it was not. */
async function puppetDbAt(nodes: number): Promise<{ timings: Timing[]; loaded: PdbLoadResult; version: string } | string> {
  if (!WITH_PUPPETDB) return 'skipped (BENCH_PUPPETDB=0)';
  const unavailable = referencePuppetDbUnavailable();
  if (unavailable) return `not measured: ${unavailable}`;
  console.log('starting PuppetDB (a JVM: minutes)…');
  const pdb = startReferencePuppetDb();
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-query-pdb-'));
  try {
    const version = ((await (await fetch(`${pdb.url}/pdb/meta/v1/version`)).json()) as { version: string }).version;
    console.log(`PuppetDB ${version} at ${pdb.url}: loading ${nodes} nodes…`);
    const loaded = await runPdbLoad(pdb.url, nodes, 1, dir);
    return { timings: await measure(pdb.url), loaded, version };
  } finally {
    pdb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x: number): string => x.toFixed(1);

function troupeTable(timings: readonly Timing[]): string {
  return ['| query | rows | p50 ms | p99 ms |', '|---|---:|---:|---:|',
    ...QUERIES.map(([name], i) => `| ${name} | ${timings[i]!.rows} | ${ms(timings[i]!.p50)} | ${ms(timings[i]!.p99)} |`)].join('\n');
}

/** Both servers' figures per query; the ratio is PuppetDB's p99 over Troupe's (above 1: Troupe answers faster). */
function sideBySideTable(troupe: readonly Timing[], pdb: readonly Timing[]): string {
  const rows = (t: Timing, p: Timing) => (t.rows === p.rows ? String(t.rows) : `${t.rows} / ${p.rows} (PuppetDB)`);
  return ['| query | rows | Troupe p50 ms | Troupe p99 ms | PuppetDB p50 ms | PuppetDB p99 ms | PuppetDB p99 ÷ Troupe p99 |', '|---|---:|---:|---:|---:|---:|---:|',
    ...QUERIES.map(([name], i) => {
      const t = troupe[i]!;
      const p = pdb[i]!;
      return `| ${name} | ${rows(t, p)} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(p.p50)} | ${ms(p.p99)} | ${(p.p99 / t.p99).toFixed(1)}× |`;
    })].join('\n');
}

async function main(): Promise<void> {
  requirePdbLoad();
  // The node pages ask for NODE: the generator names nodes node-00001 on.
  if (Math.min(NODES, PDB_NODES) < Number(NODE.slice('node-'.length))) throw new Error(`BENCH_NODES and PDB_NODES must be at least ${NODE.slice('node-'.length)} (the node pages ask for ${NODE})`);
  const full = await troupeAt(NODES, DATA_DIR);
  const table = troupeTable(full.timings);
  console.log(`Troupe at ${NODES} nodes:\n${table}`);
  const pdb = await puppetDbAt(PDB_NODES);
  let sideBySide: string;
  if (typeof pdb === 'string') {
    sideBySide = `PuppetDB side by side: ${pdb}.`;
  } else {
    const small = await troupeAt(PDB_NODES);
    const why = PDB_NODES === NODES ? '' : ` (not ${NODES}: PuppetDB ${pdb.version} processed the generator's ${pdb.loaded.commands_submitted} commands in ${pdb.loaded.total_wall_s.toFixed(0)} s here)`;
    sideBySide = `PuppetDB side by side, both at **${PDB_NODES} nodes**${why}; a fresh Troupe loaded the same way in the same run. PuppetDB ${pdb.version} (Debian) on PostgreSQL 15, one command-processing thread, \`-Xmx512m\`, started by \`ops/scripts/pdb-reference-server.sh\`; both over plain HTTP on loopback, the same requests, ${WARMUP} warm-up rounds each:

${sideBySideTable(small.timings, pdb.timings)}`;
    if (!pdb.loaded.completed || !small.loaded.completed) process.exitCode = 1;
  }
  console.log(sideBySide);
  writeBenchmarkSection('PuppetDB query API', `Command: \`npm run bench:query\` — \`troupe serve\` loaded by \`../shared/bench/pdb-load.mjs\` (${NODES} nodes, pass 1, ${full.loaded.commands_submitted} commands), then each query ${ROUNDS} times in sequence over the plain listener on one keep-alive connection, each answer read to its last byte (bytes counted, not decoded: see the note in ops/bench/pdb/query.bench.ts) after ${WARMUP} warm-up rounds.
Machine: ${machine()}. Target: p99 under ${TARGET_MS} ms at 10,000 nodes.

${table}

${sideBySide}`);
  if (!full.loaded.completed || full.timings.some((t) => t.p99 >= TARGET_MS)) process.exitCode = 1;
}

await main();
