import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../config/package-root.js';
import { machine, writeBenchmarkSection } from './bench-report.js';
import { startServe, type ServeChild } from './serve-child.js';
import { profileStoreconfigsCommand, profileTable } from './storeconfigs-profile.js';

/**
 * `npm run bench:storeconfigs`: `troupe serve` on a fresh data directory,
 * driven by the shared PuppetDB load generator, unchanged (pass 1: every
 * node new; pass 2: 90 % of catalogs unchanged). Reference: PuppetDB 7.12.1
 * on PostgreSQL 15 processed ~5.6 commands/s on this machine with the same
 * generator.
 */
const NODES = Number(process.env['BENCH_NODES'] ?? 2000);
const PDB_LOAD = resolve(process.env['PDB_LOAD'] ?? join(packageRoot(), '../shared/bench/pdb-load.mjs'));
const PUPPETDB_REFERENCE = 5.6;

interface LoadResult { commands_per_s: number; total_wall_s: number; commands_submitted: number; submit_failures: number; completed: boolean }

/** A pass's load result with what the server spent on it: CPU seconds and bytes written, per 1,000 commands. */
interface PassCost { load: LoadResult; cpuSecondsPerK: number; writtenMbPerK: number }

function measured(serve: ServeChild, pass: number, dir: string): PassCost {
  const cpu = serve.cpuSeconds().primary;
  const written = serve.writtenBytes();
  const load = runLoad(serve.url, pass, dir);
  const k = load.commands_submitted / 1000;
  return { load, cpuSecondsPerK: (serve.cpuSeconds().primary - cpu) / k, writtenMbPerK: (serve.writtenBytes() - written) / 1e6 / k };
}

function runLoad(url: string, pass: number, dir: string): LoadResult {
  const out = join(dir, `pass${pass}.json`);
  const r = spawnSync(process.execPath, [PDB_LOAD, '--url', url, '--nodes', String(NODES), '--pass', String(pass), '--json', out], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`pdb-load pass ${pass} failed with ${r.status}`);
  return JSON.parse(readFileSync(out, 'utf8')) as LoadResult;
}

const mb = (path: string): number => ['', '-wal'].reduce((s, ext) => s + (existsSync(path + ext) ? statSync(path + ext).size : 0), 0) / 1e6;

async function main(): Promise<void> {
  if (!existsSync(PDB_LOAD)) throw new Error(`load generator not found at ${PDB_LOAD}; set PDB_LOAD`);
  // Before the server starts, so the profile has the machine to itself.
  const profile = profileTable(await profileStoreconfigsCommand(PDB_LOAD));
  console.log(`per-stage profile of one command:\n${profile}`);
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-sc-'));
  const serve = await startServe(['--data-dir', dir, '--compiler', 'static', '--workers', '0']);
  try {
    const pass1 = measured(serve, 1, dir);
    const pass2 = measured(serve, 2, dir);
    const nodes = await (await fetch(`${serve.url}/troupe/v1/nodes`)).json() as Array<{ catalogHash: string | null; factsTimestamp: string | null }>;
    const complete = nodes.filter((n) => n.catalogHash && n.factsTimestamp).length;
    const sample = await (await fetch(`${serve.url}/troupe/v1/nodes/node-00001/catalog`)).json() as { catalog: { resources: unknown[]; edges: unknown[] } };
    const rss = serve.peakRssMb();
    const rows = [
      ['pass 1 (all new)', pass1], ['pass 2 (90 % unchanged)', pass2],
    ] as const;
    const table = ['| pass | commands | wall s | commands/s | × PuppetDB (5.6/s) | server CPU-s per 1,000 | MB written per 1,000 |', '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map(([name, { load: r, cpuSecondsPerK, writtenMbPerK }]) => `| ${name} | ${r.commands_submitted} | ${r.total_wall_s} | ${r.commands_per_s} | ${Math.round(r.commands_per_s / PUPPETDB_REFERENCE)}× | ${cpuSecondsPerK.toFixed(1)} | ${writtenMbPerK.toFixed(0)} |`)].join('\n');
    const tail = `Peak RSS of troupe serve: ${rss.toFixed(0)} MB. Database size: events.db ${mb(join(dir, 'events.db')).toFixed(0)} MB, storeconfigs.db ${mb(join(dir, 'storeconfigs.db')).toFixed(0)} MB.
Afterwards ${complete}/${NODES} nodes have facts and a catalog queryable through \`/troupe/v1/nodes\`; node-00001's stored catalog has ${sample.catalog.resources.length} resources and ${sample.catalog.edges.length} edges.`;
    console.log(`${table}\n${tail}`);
    writeBenchmarkSection('Storeconfigs (PuppetDB command API)', `Command: \`npm run bench:storeconfigs\` — \`troupe serve\` on a fresh data directory, load from \`../shared/bench/pdb-load.mjs\` unchanged (${NODES} nodes, replace_facts v5 + replace_catalog v9, ~158 KB catalogs of ~267 resources and ~380 edges; then \`--pass 2\`).
Machine: ${machine()}. Reference: PuppetDB 7.12.1 + PostgreSQL 15 on the same machine and generator: 5.6 commands/s. Target: ≥ 280 commands/s (50×).

${table}

Server CPU is the primary's (all its threads: HTTP, log writer, projection) over the pass, from /proc; bytes written are its \`write_bytes\` (log and storeconfigs WAL, checkpoints), both per 1,000 commands.

${tail}

Where the time of one command goes: each stage of the write path timed on its own, one command after another on one thread (ops/bench/storeconfigs-profile.ts, 200 commands of each kind, node-00001's payloads from the same generator). In the server the stages run on three threads (HTTP + decode on the main thread, the log writer, the projection) and group commit shares one fsync among all commands in flight, so these sums are not the server's cost per command.

${profile}`);
    if (complete !== NODES || pass1.load.submit_failures || pass2.load.submit_failures) process.exitCode = 1;
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
