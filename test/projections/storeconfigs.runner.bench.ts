// End to end through the SQLite event log and ProjectionRunner (log reads + JSON.parse included):
// `npx tsx test/projections/storeconfigs.runner.bench.ts CATALOG.json FACTS.json [nodes]`. Not part of `npm test`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TroupeEvent } from '../../core/events/event.types.js';
import { SqliteEventLog } from '../../core/log/sqlite/event-log.sqlite.js';
import { ProjectionRunner } from '../../projections/projection.runner.js';
import { StoreconfigsProjection } from '../../projections/storeconfigs.projection.js';

const [catalogFile, factsFile, nodesArg] = process.argv.slice(2);
if (!catalogFile || !factsFile) throw new Error('usage: bench CATALOG.json FACTS.json [nodes]');
const wire = JSON.parse(readFileSync(catalogFile, 'utf8'));
const facts = JSON.parse(readFileSync(factsFile, 'utf8'));
const nodes = Number(nodesArg ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'troupe-rbench-'));
const ts = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString();

// A fresh log process-wise: write, close, reopen, so reads come from SQLite, not the tail cache.
const writer = new SqliteEventLog({ path: join(dir, 'log.db'), synchronous: 'normal' });
for (let i = 0; i < nodes; i += 100) {
  const events: TroupeEvent[] = [];
  for (let k = i; k < Math.min(nodes, i + 100); k++) {
    events.push({ type: 'facts_submitted', id: `f${k}`, stream: `node-${k}`, time: ts(k), meta: { source: 'test' },
      data: { environment: 'production', producerTimestamp: ts(k), producer: 'p', values: facts.values } });
    events.push({ type: 'catalog_submitted', id: `c${k}`, stream: `node-${k}`, time: ts(k), meta: { source: 'test' },
      data: { catalog: { version: '1', environment: 'production', transactionUuid: null, catalogUuid: `u${k}`, codeId: null,
        producerTimestamp: ts(k), producer: 'p', resources: wire.resources, edges: wire.edges } } });
  }
  await writer.append(events.map((event) => ({ event })));
}
const head = await writer.head();
await writer.close();

const log = new SqliteEventLog({ path: join(dir, 'log.db') });
const projection = StoreconfigsProjection.open({ path: join(dir, 'sc.db') });
const started = performance.now();
const cpu0 = process.cpuUsage();
const runner = new ProjectionRunner(log, projection, { batchSize: Number(process.env.BATCH ?? 100) });
while (runner.position < head) await new Promise((r) => setTimeout(r, 20));
const s = (performance.now() - started) / 1000;
const c = process.cpuUsage(cpu0);
const cpu = (c.user + c.system) / 1e6;
console.log(`log → runner → projection: ${nodes} nodes (facts + catalog) in ${s.toFixed(2)} s (${cpu.toFixed(2)} s CPU) → ${(nodes / s).toFixed(0)} catalogs/s wall, ${(nodes / cpu).toFixed(0)}/s per CPU-second`);
await runner.stop();
await projection.close();
await log.close();
rmSync(dir, { recursive: true, force: true });
