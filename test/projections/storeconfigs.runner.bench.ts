// End to end through the SQLite event log and ProjectionRunner (log reads + JSON.parse included):
// `npx tsx test/projections/storeconfigs.runner.bench.ts CATALOG.json FACTS.json [nodes]`. Not part of `npm test`.
// RATE=N appends N nodes a second while the runner projects (as at the log's head in a server) instead of
// projecting a written log; LINGER=ms sets the runner's lingerMs. It prints CPU, bytes written and transactions.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TroupeEvent } from '../../core/events/event.types.js';
import { SqliteEventLog } from '../../core/log/sqlite/event-log.sqlite.js';
import { ProjectionRunner } from '../../projections/projection.runner.js';
import { StoreconfigsProjection } from '../../projections/storeconfigs/storeconfigs.projection.js';

const [catalogFile, factsFile, nodesArg] = process.argv.slice(2);
if (!catalogFile || !factsFile) throw new Error('usage: bench CATALOG.json FACTS.json [nodes]');
const wire = JSON.parse(readFileSync(catalogFile, 'utf8'));
const facts = JSON.parse(readFileSync(factsFile, 'utf8'));
const nodes = Number(nodesArg ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'troupe-rbench-'));
const ts = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString();

const rate = process.env['RATE'] === undefined ? undefined : Number(process.env['RATE']);
/** One node's facts and catalog. */
const nodeEvents = (k: number): TroupeEvent[] => [
  { type: 'facts_submitted', id: `f${k}`, stream: `node-${k}`, time: ts(k), meta: { source: 'test' },
    data: { environment: 'production', producerTimestamp: ts(k), producer: 'p', values: facts.values } },
  { type: 'catalog_submitted', id: `c${k}`, stream: `node-${k}`, time: ts(k), meta: { source: 'test' },
    data: { catalog: { version: '1', environment: 'production', transactionUuid: null, catalogUuid: `u${k}`, codeId: null,
      producerTimestamp: ts(k), producer: 'p', resources: wire.resources, edges: wire.edges } } },
];
const writtenBytes = (): number => Number(/\nwrite_bytes: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);

// A fresh log process-wise: write, close, reopen, so reads come from SQLite, not the tail cache.
const writer = new SqliteEventLog({ path: join(dir, 'log.db'), synchronous: rate === undefined ? 'normal' : 'full' });
if (rate === undefined) {
  for (let i = 0; i < nodes; i += 100) {
    await writer.append(Array.from({ length: Math.min(nodes, i + 100) - i }, (_, k) => nodeEvents(i + k)).flat().map((event) => ({ event })));
  }
  await writer.close();
}

const log = new SqliteEventLog({ path: join(dir, 'log.db'), pollIntervalMs: 50 });
const projection = StoreconfigsProjection.open({ path: join(dir, 'sc.db') });
const started = performance.now();
const cpu0 = process.cpuUsage();
const bytes0 = writtenBytes();
let transactions = 0;
const runner = new ProjectionRunner(log, projection, {
  batchSize: Number(process.env['BATCH'] ?? 100), lingerMs: Number(process.env['LINGER'] ?? 50), onProgress: () => { transactions++; },
});
if (rate !== undefined) {
  // Paced, one node (facts + catalog) per append, nudging the reader as the server's main thread does.
  for (let k = 0; k < nodes; k++) {
    const wait = started + (k * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await writer.append(nodeEvents(k).map((event) => ({ event })));
    log.nudge();
  }
  await writer.close();
}
const head = 2 * nodes;
while (runner.position < head) await new Promise((r) => setTimeout(r, 20));
const s = (performance.now() - started) / 1000;
const c = process.cpuUsage(cpu0);
const cpu = (c.user + c.system) / 1e6;
console.log(`log → runner → projection: ${nodes} nodes (facts + catalog)${rate === undefined ? '' : ` appended at ${rate}/s`} in ${s.toFixed(2)} s (${cpu.toFixed(2)} s CPU${rate === undefined ? '' : ', appends included'}) → ${(nodes / s).toFixed(0)} catalogs/s wall, ${(nodes / cpu).toFixed(0)}/s per CPU-second; ${((writtenBytes() - bytes0) / 1e6).toFixed(0)} MB written, ${transactions} transactions`);
await runner.stop();
await projection.close();
await log.close();
rmSync(dir, { recursive: true, force: true });
