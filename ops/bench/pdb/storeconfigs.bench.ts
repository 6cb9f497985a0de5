import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { startThrowawayPostgres } from '../../postgres/throwaway-postgres.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, writeBenchmarkSection } from '../support/bench-report.js';
import { startNullPdbSink } from './null-pdb-sink.js';
import { PDB_LOAD, requirePdbLoad, runPdbLoad, type PdbLoadResult } from './pdb-load-run.js';
import { cpuSecondsOf, reapedChildrenCpuSeconds, rssKbOf, writtenBytesOf } from '../support/proc-stats.js';
import { referencePuppetDbUnavailable, startReferencePuppetDb } from './reference-puppetdb.js';
import { startServe } from '../support/serve-child.js';
import { profileStoreconfigsCommand, profileTable } from './storeconfigs-profile.js';

/**
 * `npm run bench:storeconfigs`: `troupe serve` on a fresh data directory,
 * driven by the shared PuppetDB load generator, unchanged (pass 1: every
 * node new; pass 2: 90 % of catalogs unchanged), at BENCH_NODES nodes. When
 * Debian's PuppetDB and PostgreSQL are installed (and BENCH_PUPPETDB is not
 * 0), PuppetDB and a fresh Troupe are then both run at PDB_NODES nodes in
 * the same run, side by side: the ratios are of those two, never of a
 * constant.
 */
const NODES = Number(process.env['BENCH_NODES'] ?? 2000);
/** PuppetDB processes ~8 commands/s here: 2,000 nodes would take it ~10 minutes for pass 1 alone. */
const PDB_NODES = Number(process.env['PDB_NODES'] ?? NODES);
const WITH_PUPPETDB = process.env['BENCH_PUPPETDB'] !== '0';
/**
 * `-- --store postgres`: Troupe on PostgreSQL 15 too (a throwaway cluster
 * of its own, durable, on BENCH_PG_PORT), measured after the SQLite run,
 * printed beside it and, at PDB_NODES = BENCH_NODES, beside PuppetDB.
 */
const STORE = process.argv.includes('--store') ? process.argv[process.argv.indexOf('--store') + 1] : 'sqlite';
const PG_PORT = Number(process.env['BENCH_PG_PORT'] ?? 61771);
const SAMPLE_MS = 500;

/** One pass at one server: the generator's figures and what the server spent on it. */
interface Pass {
  readonly load: PdbLoadResult;
  /** Server CPU seconds per 1,000 commands. */
  readonly cpuPerK: number;
  /** MB written to storage per 1,000 commands (`write_bytes`), where measured. */
  readonly writtenPerK: number | undefined;
}

/** One server through both passes. */
interface Run {
  readonly name: string;
  readonly nodes: number;
  readonly passes: readonly [Pass, Pass];
  readonly peakRssMb: number;
  readonly diskMb: number;
  /** What `diskMb` is made of, e.g. `log 16 MB + storeconfigs 110 MB`. */
  readonly diskParts: string;
  readonly note: string;
}

/** The processes of one server, listed anew at each sample (PostgreSQL forks backends). */
interface ProcessSet { pids(): number[] }

const sum = (set: ProcessSet, of: (pid: number) => number): number => set.pids().reduce((s, pid) => s + of(pid), 0);
const cpuSeconds = (set: ProcessSet): number => sum(set, cpuSecondsOf);
const writtenBytes = (set: ProcessSet): number => sum(set, writtenBytesOf);
const rssMb = (set: ProcessSet): number => sum(set, rssKbOf) / 1024;

/** Both passes against `url`, the server's processes sampled for CPU, writes and peak resident memory. */
async function bothPasses(url: string, nodes: number, set: ProcessSet, dir: string): Promise<{ passes: [Pass, Pass]; peakRssMb: number }> {
  let peak = rssMb(set);
  const sampler = setInterval(() => { peak = Math.max(peak, rssMb(set)); }, SAMPLE_MS);
  try {
    const passes: Pass[] = [];
    for (const pass of [1, 2] as const) {
      const cpu = cpuSeconds(set);
      const written = writtenBytes(set);
      const load = await runPdbLoad(url, nodes, pass, dir);
      const k = load.commands_submitted / 1000;
      const bytes = writtenBytes(set) - written;
      passes.push({ load, cpuPerK: (cpuSeconds(set) - cpu) / k, writtenPerK: bytes > 0 ? bytes / 1e6 / k : undefined });
    }
    return { passes: passes as [Pass, Pass], peakRssMb: Math.max(peak, rssMb(set)) };
  } finally {
    clearInterval(sampler);
  }
}

/** A SQLite file with its WAL, in MB. */
const fileMb = (path: string): number => ['', '-wal'].reduce((s, ext) => s + (existsSync(path + ext) ? statSync(path + ext).size : 0), 0) / 1e6;

/** Where a Troupe run keeps its log and storeconfigs: its data directory (SQLite) or a PostgreSQL database. */
interface TroupeStore {
  readonly name: string;
  readonly args: readonly string[];
  /** Processes besides troupe serve's (PostgreSQL's). */
  readonly pids: () => number[];
  /** On disk afterwards, given the data directory: MB, and of what. */
  readonly disk: (dir: string) => Promise<Pick<Run, 'diskMb' | 'diskParts'>>;
}

const SQLITE_STORE: TroupeStore = {
  name: 'Troupe', args: [], pids: () => [],
  disk: async (dir) => {
    const logMb = fileMb(join(dir, 'events.db'));
    const storeconfigsMb = fileMb(join(dir, 'storeconfigs.db'));
    return { diskMb: logMb + storeconfigsMb, diskParts: `log ${logMb.toFixed(0)} MB + storeconfigs ${storeconfigsMb.toFixed(0)} MB, each with its WAL` };
  },
};

async function troupeAt(nodes: number, store: TroupeStore = SQLITE_STORE): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-sc-'));
  const serve = await startServe(['--data-dir', dir, '--compiler', 'static', '--workers', '0', ...store.args]);
  try {
    const { passes, peakRssMb } = await bothPasses(serve.url, nodes, { pids: () => [serve.child.pid!, ...store.pids()] }, dir);
    const listed = await (await fetch(`${serve.url}/troupe/v1/nodes`)).json() as Array<{ catalogHash: string | null; factsTimestamp: string | null }>;
    const complete = listed.filter((n) => n.catalogHash && n.factsTimestamp).length;
    const sample = await (await fetch(`${serve.url}/troupe/v1/nodes/node-00001/catalog`)).json() as { catalog: { resources: unknown[]; edges: unknown[] } };
    if (complete !== nodes) process.exitCode = 1;
    return {
      name: store.name, nodes, passes, peakRssMb, ...await store.disk(dir),
      note: `${complete}/${nodes} nodes have facts and a catalog queryable through \`/troupe/v1/nodes\`; node-00001's stored catalog has ${sample.catalog.resources.length} resources and ${sample.catalog.edges.length} edges`,
    };
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const PDB_DATABASE = 'troupe_bench_storeconfigs';

/** PuppetDB's JVM and every PostgreSQL process (the cluster serves only this benchmark's database meanwhile). */
function puppetDbProcesses(pidFile: string): ProcessSet {
  return {
    pids: () => {
      const postgres = spawnSync('ps', ['-u', 'postgres', '-o', 'pid='], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter((n) => n > 0);
      return [...(existsSync(pidFile) ? [Number(readFileSync(pidFile, 'utf8'))] : []), ...postgres];
    },
  };
}

function puppetDbDisk(dir: string): Pick<Run, 'diskMb' | 'diskParts'> {
  const db = spawnSync('su', ['postgres', '-c', `psql -tAc "SELECT pg_database_size('${PDB_DATABASE}')"`], { encoding: 'utf8' });
  const queue = spawnSync('du', ['-sb', join(dir, 'var')], { encoding: 'utf8' });
  const dbMb = Number(db.stdout.trim() || 0) / 1e6;
  const queueMb = Number(queue.stdout.split('\t')[0] || 0) / 1e6;
  return { diskMb: dbMb + queueMb, diskParts: `database ${dbMb.toFixed(0)} MB + queue ${queueMb.toFixed(0)} MB` };
}

async function puppetDbAt(nodes: number): Promise<Run | string> {
  if (!WITH_PUPPETDB) return 'skipped (BENCH_PUPPETDB=0)';
  const unavailable = referencePuppetDbUnavailable();
  if (unavailable) return `not measured: ${unavailable}`;
  const dir = '/tmp/troupe-bench-storeconfigs-puppetdb';
  console.log('starting PuppetDB (a JVM: minutes)…');
  const pdb = startReferencePuppetDb({ dir, database: PDB_DATABASE, port: 18082 });
  const work = mkdtempSync(join(tmpdir(), 'troupe-bench-sc-pdb-'));
  try {
    const version = ((await (await fetch(`${pdb.url}/pdb/meta/v1/version`)).json()) as { version: string }).version;
    console.log(`PuppetDB ${version} at ${pdb.url}: ${nodes} nodes, two passes…`);
    const { passes, peakRssMb } = await bothPasses(pdb.url, nodes, puppetDbProcesses(join(dir, 'pid')), work);
    return {
      name: `PuppetDB ${version}`, nodes, passes, peakRssMb, ...puppetDbDisk(dir),
      note: 'Debian\'s package on PostgreSQL 15, one command-processing thread (the default on 2 cores), started by `ops/scripts/pdb-reference-server.sh`; its CPU, writes and memory are the JVM\'s plus every PostgreSQL process\'s',
    };
  } finally {
    pdb.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The generator against a sink that discards every command, per pass. */
interface Ceiling {
  /** Its rate: the fastest any server can be measured with it here, commands/s. */
  readonly rate: number;
  /** Its own CPU while submitting (the pass's CPU less the generation time), CPU-s per 1,000 commands. */
  readonly cpuPer1000: number;
}

/** Both passes against a sink that discards every command: the generator's own ceiling on this machine. */
async function generatorCeiling(nodes: number): Promise<[Ceiling, Ceiling]> {
  const sink = await startNullPdbSink();
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-sc-sink-'));
  try {
    const passes: Ceiling[] = [];
    for (const pass of [1, 2] as const) {
      const before = reapedChildrenCpuSeconds();
      const load = await runPdbLoad(sink.url, nodes, pass, dir);
      const submitting = reapedChildrenCpuSeconds() - before - load.generation.gen_s;
      passes.push({ rate: load.commands_per_s, cpuPer1000: (submitting / load.commands_submitted) * 1000 });
    }
    return passes as [Ceiling, Ceiling];
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ceiling, and what 100× PuppetDB would ask of a server here: the
 * cores the generator itself needs at that rate, and the CPU per command
 * left for the server on this machine's cores.
 */
function ceilingText(nodes: number, ceiling: readonly [Ceiling, Ceiling], pdb: Run | string, troupe: Run): string {
  const cores = availableParallelism();
  const text = `The generator's own ceiling: against a sink that reads each command and throws it away (\`ops/bench/pdb/null-pdb-sink.ts\`), ${nodes} nodes, it submits pass 1 at ${ceiling[0].rate} and pass 2 at ${ceiling[1].rate} commands/s — no server can be measured faster with it here, since it builds every catalog and shares the cores. While it submits it uses ${ceiling.map((c) => c.cpuPer1000.toFixed(2)).join(' / ')} CPU-s per 1,000 commands itself (its CPU over the pass less its generation time).`;
  if (typeof pdb === 'string') return text;
  const budget = pdb.passes.map((p, i) => {
    const wanted = p.load.commands_per_s * 100;
    if (wanted > ceiling[i]!.rate) return `pass ${i + 1}: ${wanted.toFixed(0)} commands/s, above the generator's ceiling — not measurable here`;
    const generatorCores = (wanted * ceiling[i]!.cpuPer1000) / 1000;
    const leftMs = ((cores - generatorCores) / wanted) * 1000;
    return `pass ${i + 1}: ${wanted.toFixed(0)} commands/s, where the generator takes ${generatorCores.toFixed(2)} of ${cores} cores and leaves a server at most ${leftMs.toFixed(2)} CPU-ms per command (Troupe used ${troupe.passes[i]!.cpuPerK.toFixed(1)} here)`;
  });
  return `${text} 100× PuppetDB's rates from this run — ${budget.join('; ')}.`;
}

/** Troupe on a durable PostgreSQL 15 of its own; its CPU, writes and memory are serve's plus every PostgreSQL process's. */
async function troupeOnPostgresAt(nodes: number): Promise<Run> {
  const cluster = await startThrowawayPostgres({ port: PG_PORT, durable: true });
  try {
    const url = await cluster.createDatabase('troupe_bench_storeconfigs');
    const postmaster = (): number => Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return await troupeAt(nodes, {
      name: 'Troupe on PostgreSQL 15', args: ['--store', url],
      pids: () => [postmaster(), ...spawnSync('ps', ['--ppid', String(postmaster()), '-o', 'pid='], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter((n) => n > 0)],
      disk: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const mb = Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n) / 1e6;
          return { diskMb: mb, diskParts: `the database ${mb.toFixed(0)} MB` };
        } finally {
          await client.end();
        }
      },
    });
  } finally {
    await cluster.stop();
  }
}

/** The PostgreSQL run beside the SQLite one: each pass's rate and CPU per 1,000 commands, and the ratio. */
function storesSideBySide(sqlite: Run, postgres: Run): string {
  const rows = sqlite.passes.map((s, i) => {
    const p = postgres.passes[i]!;
    return `| ${PASS_NAMES[i]} | ${s.load.commands_per_s} | ${p.load.commands_per_s} | ${(p.load.commands_per_s / s.load.commands_per_s).toFixed(2)}× | ${s.cpuPerK.toFixed(1)} | ${p.cpuPerK.toFixed(1)} |`;
  });
  return [
    `| pass (${sqlite.nodes} nodes each) | SQLite commands/s | PostgreSQL commands/s | PostgreSQL ÷ SQLite | SQLite CPU-s per 1,000 | PostgreSQL CPU-s per 1,000 (serve + PostgreSQL) |`,
    '|---|---:|---:|---:|---:|---:|', ...rows, '',
    `Peak resident memory: SQLite ${sqlite.peakRssMb.toFixed(0)} MB, PostgreSQL (serve + server) ${postgres.peakRssMb.toFixed(0)} MB. On disk: ${sqlite.diskMb.toFixed(0)} MB against ${postgres.diskMb.toFixed(0)} MB (the database). ${postgres.note}.`,
  ].join('\n');
}

const PASS_NAMES = ['pass 1 (all new)', 'pass 2 (90 % unchanged)'] as const;
const mbText = (v: number | undefined): string => (v === undefined ? 'n/a' : v.toFixed(0));

function runTable(run: Run): string {
  return ['| pass | commands | wall s | commands/s | server CPU-s per 1,000 | MB written per 1,000 |', '|---|---:|---:|---:|---:|---:|',
    ...run.passes.map((p, i) => `| ${PASS_NAMES[i]} | ${p.load.commands_submitted} | ${p.load.total_wall_s} | ${p.load.commands_per_s} | ${p.cpuPerK.toFixed(1)} | ${mbText(p.writtenPerK)} |`),
  ].join('\n');
}

function sideBySide(troupe: Run, pdb: Run, label = 'Troupe'): string {
  const rows = troupe.passes.map((t, i) => {
    const p = pdb.passes[i]!;
    return `| ${PASS_NAMES[i]} | ${p.load.commands_per_s} | ${t.load.commands_per_s} | **${(t.load.commands_per_s / p.load.commands_per_s).toFixed(1)}×** | ${p.cpuPerK.toFixed(1)} | ${t.cpuPerK.toFixed(1)} | ${mbText(p.writtenPerK)} | ${mbText(t.writtenPerK)} |`;
  });
  return [
    `| pass (${troupe.nodes} nodes each) | PuppetDB commands/s | ${label} commands/s | ${label} ÷ PuppetDB | PuppetDB CPU-s per 1,000 | ${label} CPU-s per 1,000 | PuppetDB MB written per 1,000 | ${label} MB written per 1,000 |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|', ...rows, '',
    `Peak resident memory: PuppetDB + PostgreSQL ${pdb.peakRssMb.toFixed(0)} MB, ${label} ${troupe.peakRssMb.toFixed(0)} MB. Disk afterwards: PuppetDB ${pdb.diskMb.toFixed(0)} MB (${pdb.diskParts}), ${label} ${troupe.diskMb.toFixed(0)} MB (${troupe.diskParts}): ${troupe.diskMb < pdb.diskMb ? 'less (target: pass)' : 'more (target: MISS)'}.`,
    `${pdb.name}: ${pdb.note}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  requirePdbLoad();
  // Before any server starts, so the profile has the machine to itself.
  const profile = profileTable(await profileStoreconfigsCommand(PDB_LOAD));
  console.log(`per-stage profile of one command:\n${profile}`);
  const ceiling = await generatorCeiling(PDB_NODES);
  const full = await troupeAt(NODES);
  console.log(runTable(full));
  // `--store postgres`: Troupe on PostgreSQL 15 too, beside the SQLite run and (below) PuppetDB.
  const onPostgres = STORE === 'postgres' ? await troupeOnPostgresAt(NODES) : undefined;
  const stores = onPostgres ? `Troupe on SQLite and on PostgreSQL 15, the same generator and passes in the same run:\n\n${storesSideBySide(full, onPostgres)}` : '';
  if (stores) console.log(stores);
  const pdb = await puppetDbAt(PDB_NODES);
  let comparison: string;
  let troupe = full;
  if (typeof pdb === 'string') {
    comparison = `PuppetDB side by side: ${pdb}. No ratio is given without it.`;
  } else {
    if (PDB_NODES !== NODES) troupe = await troupeAt(PDB_NODES);
    comparison = `PuppetDB side by side, the same generator and passes in the same run${PDB_NODES === NODES ? '' : `, both at ${PDB_NODES} nodes (PDB_NODES; a fresh Troupe for it)`}:\n\n${sideBySide(troupe, pdb)}`;
    // Issue 18's target is this ratio for the PostgreSQL backend; it is only fair at the same node count.
    if (onPostgres && PDB_NODES === NODES) comparison += `\n\nTroupe on PostgreSQL 15 against the same PuppetDB run:\n\n${sideBySide(onPostgres, pdb, 'Troupe on PostgreSQL')}`;
  }
  const limit = ceilingText(PDB_NODES, ceiling, pdb, troupe);
  console.log(comparison);
  console.log(limit);
  writeBenchmarkSection('Storeconfigs (PuppetDB command API)', `Command: \`npm run bench:storeconfigs\` — \`troupe serve\` on a fresh data directory, load from \`../shared/bench/pdb-load.mjs\` unchanged (${NODES} nodes, replace_facts v5 + replace_catalog v9, ~158 KB catalogs of ~267 resources and ~380 edges; then \`--pass 2\`).
Machine: ${machine()}. Target (issue 17): each pass ≥ 100× PuppetDB's rate in the same run.

${runTable(full)}
${stores ? `\n${stores}\n` : ''}
Server CPU is the primary's (all its threads: HTTP, log writer, projection) over the pass, from /proc; bytes written are its \`write_bytes\` (log and storeconfigs WAL, checkpoints), both per 1,000 commands. Peak RSS ${full.peakRssMb.toFixed(0)} MB; on disk ${full.diskMb.toFixed(0)} MB (${full.diskParts}). Afterwards ${full.note}.

${comparison}

${limit}

Where the time of one command goes: each stage of the write path timed on its own, one command after another on one thread (ops/bench/pdb/storeconfigs-profile.ts, 200 commands of each kind, node-00001's payloads from the same generator). In the server the stages run on three threads (HTTP + decode on the main thread, the log writer, the projection) and group commit shares one fsync among all commands in flight, so these sums are not the server's cost per command.

${profile}`);
  if ([full, ...(onPostgres ? [onPostgres] : []), ...(typeof pdb === 'string' ? [] : [pdb])].some((r) => r.passes.some((p) => !p.load.completed || p.load.submit_failures))) process.exitCode = 1;
}

await main();
