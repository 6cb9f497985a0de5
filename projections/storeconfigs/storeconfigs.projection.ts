import Database from 'better-sqlite3';
import { ConfigError } from '../../core/errors/troupe-error.js';
import type { RecordedEvent } from '../../core/events/event.types.js';
import type { CatalogBodyLookup } from '../../core/log/catalog-references.js';
import type { ApplyOutcome, Projection, ProjectionFailure } from '../projection.types.js';
import { applyBatchPass, ascending, UnappliableEvent } from './storeconfigs.batch.js';
import {
  openStoreconfigsDatabase, type StoreconfigsDatabase, type StoreconfigsDatabaseOptions,
} from './storeconfigs.database.js';
import { sqliteStoreconfigsWrites } from './storeconfigs.statements.js';

/** Options of {@link StoreconfigsProjection.open}; defaults in {@link DEFAULT_STORECONFIGS_PROJECTION_OPTIONS}. */
export interface StoreconfigsProjectionOptions extends StoreconfigsDatabaseOptions {
  /**
   * Reports kept per node: the newest by producer timestamp (ties: greater
   * event id), so the bound does not depend on arrival order.
   * @defaultValue 20
   */
  readonly reportRetention?: number;
  /**
   * Rows per multi-row INSERT (resources, edges, facts). 100 × 8 columns
   * stays far below SQLite's bound-parameter limit.
   * @defaultValue 100
   */
  readonly rowsPerInsert?: number;
  /**
   * Reads the log for the body of a catalog recorded by reference whose node
   * holds another catalog (`SqliteEventLog.catalogBodies()`). Without it
   * such an event is recorded as a projection failure, naming the reason.
   * @defaultValue none
   */
  readonly catalogBodies?: CatalogBodyLookup;
}

/** Defaults of the projection's own options (the database's are in `DEFAULT_STORECONFIGS_DATABASE_OPTIONS`). */
export const DEFAULT_STORECONFIGS_PROJECTION_OPTIONS = {
  reportRetention: 20,
  rowsPerInsert: 100,
} as const satisfies Required<Omit<StoreconfigsProjectionOptions, keyof StoreconfigsDatabaseOptions | 'catalogBodies'>>;

/** The checkpoint row's name. */
export const STORECONFIGS_PROJECTION_NAME = 'storeconfigs';

/**
 * Projects the event log into the storeconfigs database, PuppetDB's way:
 * facts and catalogs replace what is stored unless older (producer
 * timestamp), an unchanged catalog (same hash) only updates metadata,
 * deactivation holds until a newer command arrives.
 *
 * @example
 * const p = StoreconfigsProjection.open({ path: 'storeconfigs.db' });
 * p.apply(await log.read(p.checkpoint));
 * await p.close();
 */
export class StoreconfigsProjection implements Projection {
  readonly name = STORECONFIGS_PROJECTION_NAME;
  private readonly store: ReturnType<typeof sqliteStoreconfigsWrites>;
  private readonly retention: number;
  private readonly catalogBodies: CatalogBodyLookup | undefined;
  private current: number;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly database: StoreconfigsDatabase,
    options: Required<Omit<StoreconfigsProjectionOptions, keyof StoreconfigsDatabaseOptions | 'catalogBodies'>> & Pick<StoreconfigsProjectionOptions, 'catalogBodies'>,
  ) {
    this.retention = options.reportRetention;
    this.catalogBodies = options.catalogBodies;
    this.store = sqliteStoreconfigsWrites(database.raw, options.rowsPerInsert);
    this.current = this.readCheckpoint();
  }

  /** Opens (creating and migrating) the file at `options.path`. */
  static open(options: StoreconfigsProjectionOptions): StoreconfigsProjection {
    const o = { ...DEFAULT_STORECONFIGS_PROJECTION_OPTIONS, ...options };
    if (!Number.isInteger(o.reportRetention) || o.reportRetention < 1) throw new ConfigError('reportRetention', 'must be an integer ≥ 1');
    if (!Number.isInteger(o.rowsPerInsert) || o.rowsPerInsert < 1 || o.rowsPerInsert > 1000) {
      throw new ConfigError('rowsPerInsert', 'must be an integer in 1…1000');
    }
    if (o.readonly) throw new ConfigError('readonly', 'a projection writes; open queries read-only instead');
    return new StoreconfigsProjection(openStoreconfigsDatabase(o), o);
  }

  get checkpoint(): number {
    return this.current;
  }

  /**
   * Applies a batch (ascending positions) in one transaction together with
   * the checkpoint; events at or below the checkpoint are skipped. An event
   * whose handler throws on its data is left out: the batch is rolled back
   * and applied again without it, recording it in `projection_failures`,
   * so it stores nothing but that row. A database that cannot be written
   * (I/O, lock, full disk) fails the whole batch instead, checkpoint
   * unchanged, and is never recorded as a bad event: the runner retries.
   */
  apply(batch: readonly RecordedEvent[]): ApplyOutcome {
    if (this.closing) throw new Error('storeconfigs projection is closed');
    const events = ascending(batch);
    const failed = new Map<number, ProjectionFailure>();
    // Each pass either succeeds or finds one more bad event: at most batch.length + 1 passes.
    for (;;) {
      try {
        const outcome = this.applyWithout(events, failed);
        // Only now: a COMMIT that fails (full disk) must leave the checkpoint where it was.
        this.current = outcome.position;
        return outcome;
      } catch (e) {
        if (!(e instanceof UnappliableEvent)) throw e;
        failed.set(e.failure.position, e.failure);
      }
    }
  }

  private applyWithout(events: readonly RecordedEvent[], failed: ReadonlyMap<number, ProjectionFailure>): ApplyOutcome {
    return this.database.raw.transaction((): ApplyOutcome => applyBatchPass(events, {
      name: this.name, start: this.readCheckpoint(), store: this.store, reportRetention: this.retention,
      catalogBodies: this.catalogBodies, failed, isDatabaseError,
    }))();
  }

  /** Idempotent; an `apply` in progress has finished (it is synchronous). */
  close(): Promise<void> {
    return (this.closing ??= this.database.close());
  }

  private readCheckpoint(): number {
    return this.store.getCheckpoint(this.name);
  }
}

/**
 * SQLite errors other than constraint violations (a duplicate resource in
 * a catalog is one) are about the database, not the event.
 */
const isDatabaseError = (e: unknown): boolean => e instanceof Database.SqliteError && !e.code.startsWith('SQLITE_CONSTRAINT');
