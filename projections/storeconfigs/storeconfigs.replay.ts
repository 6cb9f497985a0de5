import { existsSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ConfigError, TroupeError } from '../../core/errors/troupe-error.js';
import type { RecordedEvent } from '../../core/events/event.types.js';
import type { CatalogBodyLookup } from '../../core/log/catalog-references.js';
import type { EventLog } from '../../core/log/event-log.js';
import { err, ok, type Result } from '../../core/result.js';
import { FetchedCatalogBodies } from '../rows/fetched-catalog-bodies.js';
import { StoreconfigsProjection, type StoreconfigsProjectionOptions } from './storeconfigs.projection.js';
import { STORECONFIGS_TABLES } from './storeconfigs.schema.js';

/** Options of {@link replayStoreconfigs}; defaults in {@link DEFAULT_REPLAY_OPTIONS}. */
export interface ReplayOptions {
  /** Stop after this log position (`troupe replay --until`); the log's head at start when absent. */
  readonly untilPosition?: number;
  /**
   * Events per read and per transaction.
   * @defaultValue 1000
   */
  readonly batchSize?: number;
  /**
   * Delete an existing file (and its `-wal`/`-shm`) first instead of refusing.
   * @defaultValue false
   */
  readonly overwrite?: boolean;
  /** Projection settings (report retention, insert chunking, a log's `catalogBodies`). */
  readonly projection?: Omit<StoreconfigsProjectionOptions, 'path' | 'readonly'>;
  /**
   * Instead of `projection.catalogBodies`: the bodies of the catalogs a
   * batch records by reference, fetched before the batch is applied
   * (`PostgresEventLog.catalogBodiesFor`).
   * @defaultValue none
   */
  readonly catalogBodiesFor?: (batch: readonly RecordedEvent[]) => Promise<CatalogBodyLookup>;
  /** Called after every batch with the position reached. */
  readonly onProgress?: (progress: { readonly position: number; readonly events: number; readonly untilPosition: number }) => void;
}

/** Defaults of {@link ReplayOptions}. */
export const DEFAULT_REPLAY_OPTIONS = { batchSize: 1000, overwrite: false } as const satisfies ReplayOptions;

/** What a replay rebuilt. */
export interface ReplaySummary {
  readonly path: string;
  /** Events read from the log and applied. */
  readonly events: number;
  /** The checkpoint of the rebuilt file. */
  readonly position: number;
  /** Rows per table in the rebuilt file. */
  readonly rows: Readonly<Record<(typeof STORECONFIGS_TABLES)[number], number>>;
  readonly durationMs: number;
}

/**
 * Rebuilds a storeconfigs file from the event log, up to `untilPosition`,
 * for debugging ("what did storeconfigs look like at position N?") and for
 * schema changes. Refuses to touch an existing file unless `overwrite`.
 *
 * @example
 * const r = await replayStoreconfigs(log, '/tmp/at-1200.db', { untilPosition: 1200 });
 * if (r.ok) console.log(`${r.value.events} events in ${r.value.durationMs} ms`);
 */
export async function replayStoreconfigs(
  log: Pick<EventLog, 'read' | 'head'>,
  targetPath: string,
  options: ReplayOptions = {},
): Promise<Result<ReplaySummary, TroupeError>> {
  const o = { ...DEFAULT_REPLAY_OPTIONS, ...options };
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) return err(new ConfigError('batchSize', 'must be a positive integer'));
  if (o.untilPosition !== undefined && (!Number.isInteger(o.untilPosition) || o.untilPosition < 0)) {
    return err(new ConfigError('untilPosition', 'must be a non-negative integer'));
  }
  if (existsSync(targetPath)) {
    if (!o.overwrite) return err(new TroupeError('invalid_input', `${targetPath} exists; pass overwrite to replace it`));
    for (const suffix of ['', '-wal', '-shm']) rmSync(targetPath + suffix, { force: true });
  }
  const started = performance.now();
  const until = o.untilPosition ?? (await log.head());
  const fetched = o.catalogBodiesFor && new FetchedCatalogBodies(o.catalogBodiesFor);
  const projection = StoreconfigsProjection.open({ ...o.projection, ...(fetched ? { catalogBodies: fetched.lookup } : {}), path: targetPath });
  try {
    let events = 0;
    for (;;) {
      const batch = await log.read(projection.checkpoint, { limit: o.batchSize, untilPosition: until });
      if (batch.length === 0) break;
      await fetched?.prefetch(batch);
      events += projection.apply(batch).applied;
      o.onProgress?.({ position: projection.checkpoint, events, untilPosition: until });
      if (projection.checkpoint >= until) break;
    }
    const raw = projection.database.raw;
    const rows = Object.fromEntries(STORECONFIGS_TABLES.map((t) =>
      [t, raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number])) as ReplaySummary['rows'];
    return ok({ path: targetPath, events, position: projection.checkpoint, rows, durationMs: performance.now() - started });
  } finally {
    await projection.close();
  }
}
