import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TroupeEvent } from '../../core/events/event.types.js';
import { SqliteEventLog } from '../../core/log/sqlite/event-log.sqlite.js';
import { replayStoreconfigs } from '../../projections/storeconfigs/storeconfigs.replay.js';
import { machine, writeBenchmarkSection } from './support/bench-report.js';

/**
 * `npm run bench:log`: appends 100,000 events durably (synchronous=FULL,
 * group commit), reads them back, and projects them into a fresh
 * storeconfigs database. Prints events/s for each phase.
 */
const TOTAL = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const BATCH = 500;

function makeEvent(i: number): TroupeEvent {
  const certname = `node-${i % 5000}.example.com`;
  const time = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  const meta = { source: 'test' as const };
  switch (i % 5) {
    case 0: case 1:
      return { type: 'facts_submitted', id: randomUUID(), stream: certname, time, meta, data: {
        environment: 'production', producerTimestamp: time, producer: 'bench',
        values: { os: { family: 'Debian', release: { major: '12' } }, uptime_seconds: i, memoryfree_mb: i % 4096, ipaddress: `10.0.${i % 250}.${i % 200}`, kernel: 'Linux', processors: { count: 4 } },
      } };
    case 2: case 3:
      return { type: 'report_submitted', id: randomUUID(), stream: certname, time, meta, data: {
        environment: 'production', producerTimestamp: time, status: i % 7 ? 'unchanged' : 'changed', noop: false,
        configurationVersion: String(i), transactionUuid: randomUUID(), catalogUuid: randomUUID(), startTime: time, endTime: time,
        puppetVersion: '7.23.0', body: { metrics: { time: { total: 3.2 } }, logs: [], resources: [] },
      } };
    default:
      return { type: 'catalog_requested', id: randomUUID(), stream: certname, time, meta, data: { environment: 'production', reason: 'agent', priority: 0, transactionUuid: null } };
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-log-'));
  const path = join(dir, 'events.db');
  const events = Array.from({ length: TOTAL }, (_, i) => makeEvent(i));

  const log = new SqliteEventLog({ path, synchronous: 'full' });
  let t = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < TOTAL; i += BATCH) {
    inflight.push(log.append(events.slice(i, i + BATCH).map((event) => ({ event }))));
    if (inflight.length >= 8) await inflight.shift();
  }
  await Promise.all(inflight);
  const appendS = (performance.now() - t) / 1000;
  await log.close();

  // Single-event appends from many concurrent callers: group commit at work.
  const single = new SqliteEventLog({ path: join(dir, 'single.db'), synchronous: 'full' });
  const singles = events.slice(0, 20_000).map((e) => ({ ...e, id: randomUUID() }));
  t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 256 }, async () => {
    while (next < singles.length) await single.append([{ event: singles[next++]! }]);
  }));
  const singleS = (performance.now() - t) / 1000;
  await single.close();

  const reader = new SqliteEventLog({ path });
  t = performance.now();
  let read = 0;
  for (let from = 0; ; ) {
    const batch = await reader.read(from, { limit: 2000 });
    if (batch.length === 0) break;
    read += batch.length;
    from = batch[batch.length - 1]!.position;
  }
  const readS = (performance.now() - t) / 1000;
  await reader.close();
  const projected = await projectAll(path, dir);

  const rows = [
    ['append, batches of 500 (fsync per group commit)', TOTAL, appendS],
    ['append, 1 event per call, 256 concurrent callers', singles.length, singleS],
    ['read back from SQLite (cold)', read, readS],
    ['project into storeconfigs (fresh database)', projected.events, projected.seconds],
  ] as const;
  const table = ['| phase | events | seconds | events/s |', '|---|---:|---:|---:|',
    ...rows.map(([name, n, s]) => `| ${name} | ${n} | ${s.toFixed(2)} | ${Math.round(n / s).toLocaleString('en-US')} |`)].join('\n');
  console.log(table);
  console.log(`log file: ${(statSync(path).size / 1e6).toFixed(1)} MB`);
  writeBenchmarkSection('Event log', `Command: \`npm run bench:log\` (${TOTAL.toLocaleString('en-US')} events: facts, reports, compile requests for 5,000 nodes; synchronous=FULL, WAL).
Machine: ${machine()}. Target: ≥ 20,000 events/s appended in batches and ≥ 20,000 events/s projected.

${table}

Log file size: ${(statSync(path).size / 1e6).toFixed(1)} MB.`);
  rmSync(dir, { recursive: true, force: true });
}

/** Rebuilds storeconfigs from the whole log, as `troupe replay` does. */
async function projectAll(logPath: string, dir: string): Promise<{ events: number; seconds: number }> {
  const log = new SqliteEventLog({ path: logPath });
  const result = await replayStoreconfigs(log, join(dir, 'storeconfigs.db'), { projection: { catalogBodies: log.catalogBodies() } });
  await log.close();
  if (!result.ok) throw result.error;
  return { events: result.value.events, seconds: result.value.durationMs / 1000 };
}

await main();
