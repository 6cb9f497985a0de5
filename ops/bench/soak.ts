import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FleetSimulator } from '../fleet/fleet-simulator.js';
import { machine, writeBenchmarkSection } from './support/bench-report.js';
import { startServe } from './support/serve-child.js';

/**
 * `npm run soak` (not part of CI): a 5,000-node fleet at a 30-second run
 * interval against `troupe serve` for 20 minutes; the RSS of the primary
 * and its workers is sampled every 30 s and must be flat after warm-up.
 */
const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 20);
const NODES = Number(process.env['SOAK_NODES'] ?? 5000);
const SAMPLE_MS = 30_000;
const WARMUP_MIN = Math.min(5, MINUTES / 4);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-soak-'));
  const serve = await startServe(['--data-dir', dir, '--workers', '2']);
  const sim = new FleetSimulator({ url: serve.url, nodes: NODES, intervalMs: 30_000, splayMs: 30_000, durationMs: MINUTES * 60_000, report: true });
  const samples: Array<{ minute: number; rssMb: number; ok: number; failed: number }> = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const s = sim.stats();
    const sample = { minute: (Date.now() - started) / 60_000, rssMb: serve.treeRssMb(), ok: s.ok, failed: s.failed };
    samples.push(sample);
    console.log(`t=${sample.minute.toFixed(1)} min RSS ${sample.rssMb.toFixed(0)} MB runs ok=${s.ok} failed=${s.failed} p99=${(s.p99Ms / 1000).toFixed(2)} s`);
  }, SAMPLE_MS);
  const stats = await sim.run();
  clearInterval(sampler);
  await serve.stop();
  rmSync(dir, { recursive: true, force: true });

  const after = samples.filter((s) => s.minute >= WARMUP_MIN);
  const rss = after.map((s) => s.rssMb);
  const slope = fitSlope(after.map((s) => [s.minute, s.rssMb] as const));
  const flat = rss.length > 1 && Math.max(...rss) - Math.min(...rss) < 0.2 * Math.min(...rss);
  const table = ['| minute | RSS (MB, primary + workers) | runs ok | failed |', '|---:|---:|---:|---:|',
    ...samples.map((s) => `| ${s.minute.toFixed(1)} | ${s.rssMb.toFixed(0)} | ${s.ok} | ${s.failed} |`)].join('\n');
  const text = `Command: \`npm run soak\` — ${NODES.toLocaleString('en-US')} simulated agents, 30 s run interval, reports on, ${MINUTES} minutes, \`troupe serve --workers 2\` (built-in compiler). RSS sampled every 30 s.
Machine: ${machine()}.

Runs: ${stats.ok.toLocaleString('en-US')} ok, ${stats.failed} failed, ${stats.retries.toLocaleString('en-US')} answered 503 then retried; p99 time to catalog ${(stats.p99Ms / 1000).toFixed(2)} s.
After ${WARMUP_MIN} min of warm-up: RSS between ${Math.min(...rss).toFixed(0)} and ${Math.max(...rss).toFixed(0)} MB, trend ${slope.toFixed(1)} MB/min — ${flat ? 'flat' : 'NOT flat'}.

${table}`;
  console.log(text);
  writeBenchmarkSection('Soak', text);
  if (!flat || stats.failed > 0) process.exitCode = 1;
}

/** Least-squares slope of y over x. */
function fitSlope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

await main();
