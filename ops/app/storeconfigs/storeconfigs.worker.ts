import { parentPort, workerData } from 'node:worker_threads';
import { yieldToOtherThreads } from '../../../core/threads/thread-priority.js';
import { KurrentEventLog } from '../../../core/log/kurrentdb/event-log.kurrentdb.js';
import { PostgresEventLog } from '../../../core/log/postgres/event-log.postgres.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { FetchedCatalogBodies } from '../../../projections/rows/fetched-catalog-bodies.js';
import { PostgresStoreconfigsProjection } from '../../../projections/postgres/storeconfigs.projection.postgres.js';
import { Projector, type SharedProjection } from '../../../projections/projector.js';
import type { Projection } from '../../../projections/projection.types.js';
import type { EventLog } from '../../../core/log/event-log.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import type { StoreLocation } from '../store-location.js';
import { PACED_MAX_REST_MS, PACED_REST_FACTOR, PROJECTION_THREAD_NICE, type FromProjectionThread, type ProjectionThreadData, type ToProjectionThread } from './storeconfigs-thread.messages.js';
import { configureLog, log as runtimeLog } from '../../log/logger.js';

/**
 * The storeconfigs projection on a thread of its own, so storing catalogs
 * (hashing, thousands of rows per catalog) runs on a second core while the
 * main thread keeps taking commands. It reads the log from its file (or
 * its PostgreSQL database, woken by NOTIFY too); the main thread nudges it
 * after each commit.
 */
const data = workerData as ProjectionThreadData;
const port = parentPort!;
const send = (m: FromProjectionThread): void => port.postMessage(m);
configureLog(data.log);
yieldToOtherThreads(data.nice ?? PROJECTION_THREAD_NICE);

const { log, projection: opened } = await open(data.store);
let paced = false;
const projection = pacedBy(opened, () => paced);
const projector = new Projector(log, projection, {
  onProgress: (p) => {
    for (const f of p.failed) runtimeLog.warn({ eventId: f.eventId, position: f.position, reason: f.reason }, `storeconfigs: skipped logged event ${f.eventId} at position ${f.position}: ${f.reason} (recorded in projection_failures)`);
    send({ type: 'progress', position: p.position });
  },
  onError: (e) => send({ type: 'failed', message: String((e as Error)?.stack ?? e) }),
  onHealthChange: (now) => send({ type: 'health', degradation: now ?? null }),
  onFollow: (position) => send({ type: 'progress', position }),
  onFollowError: (e) => runtimeLog.warn({ err: e }, 'storeconfigs: could not read the shared checkpoint (tried again)'),
});
// A store of this instance's own (SQLite) is projected here from the start; a shared one only while told to.
await projector.project(data.store.kind !== 'postgres');
send({ type: 'ready', position: projection.checkpoint });

port.on('message', async (m: ToProjectionThread) => {
  if (m.type === 'appended') log.nudge();
  if (m.type === 'pace') paced = m.on;
  if (m.type === 'project') await projector.project(m.on);
  if (m.type === 'stop') {
    await projector.stop();
    await projection.close();
    await log.close();
    send({ type: 'stopped', position: projector.position });
    port.close();
  }
});

/** The log and the projection of `store`'s backend. Nudges make the subscription poll at once; the timer is only a fallback. */
async function open(store: StoreLocation): Promise<{ log: ProjectedLog; projection: SharedProjection & { close(): Promise<void> | void } }> {
  if (store.kind === 'sqlite') {
    const sqlite = new SqliteEventLog({ path: store.logPath, pollIntervalMs: 50 });
    return { log: sqlite, projection: ownStore(StoreconfigsProjection.open({ path: store.storeconfigsPath, catalogBodies: sqlite.catalogBodies() })) };
  }
  if (store.kind === 'kurrentdb') {
    // The log on the server, storeconfigs in SQLite: each batch's catalogs by reference are fetched before its transaction.
    const kurrent = await KurrentEventLog.open({ connectionString: store.url, pollIntervalMs: 500 });
    const bodies = new FetchedCatalogBodies((batch) => kurrent.catalogBodiesFor(batch));
    return { log: kurrent, projection: ownStore(bodies.around(StoreconfigsProjection.open({ path: store.storeconfigsPath, catalogBodies: bodies.lookup }))) };
  }
  const postgres = await PostgresEventLog.open({ connectionString: store.url, maxConnections: 2, pollIntervalMs: 500 });
  const projection = await PostgresStoreconfigsProjection.open({
    connectionString: store.url, schema: store.schema, maxConnections: 1, catalogBodiesFor: (events) => postgres.catalogBodiesFor(events),
  });
  return { log: postgres, projection };
}

type ProjectedLog = Pick<EventLog, 'subscribe' | 'close'> & { nudge(): void };

/** A projection into a store only this instance writes (SQLite): its checkpoint moves only here. */
function ownStore<P extends Projection & { close(): Promise<void> | void }>(projection: P): SharedProjection & { close(): Promise<void> | void } {
  return {
    name: projection.name,
    get checkpoint() { return projection.checkpoint; },
    apply: (batch) => projection.apply(batch),
    refresh: async () => projection.checkpoint,
    close: () => projection.close(),
  };
}

/**
 * The projection, resting after each batch while `paced()` says so
 * (PACED_REST_FACTOR × the batch's time, at most PACED_MAX_REST_MS): the
 * subscription reads the next batch only when `apply` resolves.
 */
function pacedBy<P extends SharedProjection & { close(): Promise<void> | void }>(p: P, paced: () => boolean): SharedProjection & { close(): Promise<void> | void } {
  return {
    name: p.name,
    get checkpoint() { return p.checkpoint; },
    apply: async (batch) => {
      const started = performance.now();
      const outcome = await p.apply(batch);
      if (paced()) await new Promise((r) => setTimeout(r, Math.min(PACED_MAX_REST_MS, PACED_REST_FACTOR * (performance.now() - started))));
      return outcome;
    },
    refresh: () => p.refresh(),
    close: () => p.close(),
  };
}
