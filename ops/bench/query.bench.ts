import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../config/package-root.js';
import { machine, writeBenchmarkSection } from './bench-report.js';
import { startServe } from './serve-child.js';

/**
 * `npm run bench:query`: `troupe serve` loaded by the shared PuppetDB load
 * generator (BENCH_NODES nodes, default 10,000), then the PuppetDB queries
 * a Puppetboard overview and node page make, a collector's exported-resource
 * query and metadata addressing, each ROUNDS times over HTTP after one
 * warm-up round: p50/p99.
 * Target: every one under 50 ms p99 at 10,000 nodes.
 */
const NODES = Number(process.env['BENCH_NODES'] ?? 10_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 100);
const PDB_LOAD = resolve(process.env['PDB_LOAD'] ?? join(packageRoot(), '../shared/bench/pdb-load.mjs'));
const NODE = 'node-00077';

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

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  if (!existsSync(PDB_LOAD)) throw new Error(`load generator not found at ${PDB_LOAD}; set PDB_LOAD`);
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-query-'));
  const serve = await startServe(['--data-dir', dir, '--compiler', 'static', '--workers', '0']);
  try {
    const out = join(dir, 'load.json');
    const load = spawnSync(process.execPath, [PDB_LOAD, '--url', serve.url, '--nodes', String(NODES), '--pass', '1', '--json', out], { stdio: 'inherit' });
    if (load.status !== 0) throw new Error(`pdb-load failed with ${load.status}`);
    const loaded = JSON.parse(readFileSync(out, 'utf8')) as { completed: boolean; commands_submitted: number };
    // Warm-up: the query thread starts on the first query, and page caches fill.
    for (const [, path, params] of QUERIES) await (await fetch(`${serve.url}${path}${params ? `?${new URLSearchParams(params)}` : ''}`)).text();
    const rows: string[] = [];
    let worst = 0;
    for (const [name, path, params] of QUERIES) {
      const url = `${serve.url}${path}${params ? `?${new URLSearchParams(params)}` : ''}`;
      const times: number[] = [];
      let answered = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        const res = await fetch(url);
        const body = await res.text();
        times.push(performance.now() - started);
        if (!res.ok) throw new Error(`${name}: ${res.status} ${body.slice(0, 300)}`);
        answered = body.startsWith('[') ? (JSON.parse(body) as unknown[]).length : 1;
      }
      times.sort((a, b) => a - b);
      worst = Math.max(worst, quantile(times, 0.99));
      rows.push(`| ${name} | ${answered} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.99).toFixed(1)} |`);
    }
    const table = ['| query | rows | p50 ms | p99 ms |', '|---|---:|---:|---:|', ...rows].join('\n');
    console.log(table);
    writeBenchmarkSection('PuppetDB query API', `Command: \`npm run bench:query\` — \`troupe serve\` loaded by \`../shared/bench/pdb-load.mjs\` (${NODES} nodes, pass 1, ${loaded.commands_submitted} commands), then each query ${ROUNDS} times in sequence over the plain listener (HTTP + JSON included).
Machine: ${machine()}. Target: p99 under 50 ms at 10,000 nodes.

${table}`);
    if (!loaded.completed || worst >= 50) process.exitCode = 1;
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
