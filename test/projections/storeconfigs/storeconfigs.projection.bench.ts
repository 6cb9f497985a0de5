// Projection throughput, without the log: `npx tsx test/projections/storeconfigs/storeconfigs.projection.bench.ts CATALOG.json FACTS.json [nodes]`
// (payloads from `node pdb-load.mjs --dry-run --nodes 1 --dump DIR`). Not part of `npm test`.
// BATCH=n: events per transaction for the catalog passes (default 100); each line also says the MB written.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StoreCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import type { RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';

const [catalogFile, factsFile, nodesArg] = process.argv.slice(2);
if (!catalogFile || !factsFile) throw new Error('usage: bench CATALOG.json FACTS.json [nodes]');
const wire = JSON.parse(readFileSync(catalogFile, 'utf8'));
const factsWire = JSON.parse(readFileSync(factsFile, 'utf8'));
const nodes = Number(nodesArg ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-'));
let position = 0;
const rec = (e: TroupeEvent): RecordedEvent => ({ ...e, position: ++position, version: 1 } as RecordedEvent);
const ts = (pass: number, i: number) => new Date(Date.UTC(2026, 0, pass, 0, 0, 0, i)).toISOString();

function catalogEvent(i: number, pass: number, changed: boolean): RecordedEvent {
  const resources = changed
    ? wire.resources.map((r: { parameters: object }, k: number) => (k % 20 === 0 ? { ...r, parameters: { ...r.parameters, drift: pass } } : r))
    : wire.resources;
  const catalog: StoreCatalog = {
    version: String(pass), environment: wire.environment, transactionUuid: `t-${pass}-${i}`, catalogUuid: `c-${pass}-${i}`,
    codeId: null, producerTimestamp: ts(pass, i), producer: wire.producer, resources, edges: wire.edges,
  };
  return rec({ type: 'catalog_submitted', id: `cat-${pass}-${i}`, stream: `node-${i}`, time: ts(pass, i), meta: { source: 'test' }, data: { catalog } });
}
function factsEvent(i: number, pass: number, values: Record<string, unknown>, prefix = 'node-'): RecordedEvent {
  return rec({ type: 'facts_submitted', id: `f-${pass}-${i}`, stream: `${prefix}${i % nodes}`, time: ts(pass, i), meta: { source: 'test' },
    data: { environment: 'production', producerTimestamp: ts(pass, i), producer: 'p', values } });
}
function reportEvent(i: number, pass: number, prefix = 'node-'): RecordedEvent {
  return rec({ type: 'report_submitted', id: `r-${pass}-${i}`, stream: `${prefix}${i % nodes}`, time: ts(pass, i), meta: { source: 'test' },
    data: { environment: 'production', producerTimestamp: ts(pass, i), status: 'unchanged', noop: false, configurationVersion: '1',
      transactionUuid: null, catalogUuid: null, startTime: ts(pass, i), endTime: ts(pass, i), puppetVersion: '7.23.0', body: { logs: [], metrics: [] } } });
}

function run(label: string, events: RecordedEvent[], unit: (e: RecordedEvent) => boolean, batch = Number(process.env['BATCH'] ?? 100)): void {
  const p = projection;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const w0 = writtenBytes();
  for (let i = 0; i < events.length; i += batch) p.apply(events.slice(i, i + batch));
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const n = events.filter(unit).length;
  // CPU seconds too: the machine is shared, so wall time moves with other people's load.
  console.log(`${label}: ${events.length} events in ${s.toFixed(2)} s (${cpu.toFixed(2)} s CPU) → ${(n / s).toFixed(0)} ${unit === all ? 'events' : 'catalogs'}/s wall, ${(n / cpu).toFixed(0)}/s per CPU-second, ${((writtenBytes() - w0) / 1e6).toFixed(0)} MB written`);
}
const all = () => true;
function writtenBytes(): number {
  return Number(/\nwrite_bytes: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
}
const isCatalog = (e: RecordedEvent) => e.type === 'catalog_submitted';

const projection = StoreconfigsProjection.open({ path: join(dir, 'sc.db') });
try {
  const pass1: RecordedEvent[] = [];
  for (let i = 0; i < nodes; i++) pass1.push(factsEvent(i, 1, factsWire.values), catalogEvent(i, 1, false));
  run('pass 1 (facts + new catalog)', pass1, isCatalog);
  const pass2: RecordedEvent[] = [];
  for (let i = 0; i < nodes; i++) {
    pass2.push(factsEvent(i, 2, { ...factsWire.values, uptime_seconds: i + 2, memoryfree: `${i} MiB` }), catalogEvent(i, 2, i % 10 === 0));
  }
  run('pass 2 (facts, 90 % hash-match catalogs)', pass2, isCatalog);
  const changed: RecordedEvent[] = [];
  for (let i = 0; i < nodes; i++) changed.push(catalogEvent(i, 3, true));
  run('changed catalogs (every node, 5 % of resources changed)', changed, isCatalog);
  const small: RecordedEvent[] = [];
  for (let i = 0; i < 20_000; i++) small.push(i % 2 ? reportEvent(i, 4, 'small-') : factsEvent(i, 4, { os: { family: 'Debian' }, uptime: i }, 'small-'));
  run('small events (facts of 2 values / reports, other nodes)', small, all, 500);
  const big: RecordedEvent[] = [];
  for (let i = 0; i < 10_000; i++) big.push(factsEvent(i, 5, { ...factsWire.values, uptime_seconds: i }));
  run('full facts (149 top-level, 1 changed)', big, all, 500);
} finally {
  await projection.close();
  rmSync(dir, { recursive: true, force: true });
}
