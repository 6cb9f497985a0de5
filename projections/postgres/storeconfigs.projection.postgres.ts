import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../../core/errors/troupe-error.js';
import type { RecordedEvent } from '../../core/events/event.types.js';
import type { CatalogBodyLookup } from '../../core/log/catalog-references.js';
import type { ApplyOutcome, ProjectionFailure } from '../projection.types.js';
import type { SharedProjection } from '../projector.js';
import type { StoreconfigsSchema } from '../storeconfigs/storeconfigs.schema.js';
import { applyBatchPass, ascending, UnappliableEvent } from '../storeconfigs/storeconfigs.batch.js';
import { DEFAULT_STORECONFIGS_PROJECTION_OPTIONS, STORECONFIGS_PROJECTION_NAME } from '../storeconfigs/storeconfigs.projection.js';
import {
  openPostgresStoreconfigs, type PostgresStoreconfigsDatabase, type PostgresStoreconfigsOptions,
} from './storeconfigs.database.postgres.js';
import { fetchBatchSnapshot, PostgresBatchWrites } from './storeconfigs-writes.postgres.js';

/** Options of {@link PostgresStoreconfigsProjection.open}; defaults as the SQLite projection's. */
export interface PostgresStoreconfigsProjectionOptions extends PostgresStoreconfigsOptions {
  /** Reports kept per node (newest by producer timestamp). @defaultValue 20 */
  readonly reportRetention?: number;
  /** Rows per multi-row INSERT. @defaultValue 100 */
  readonly rowsPerInsert?: number;
  /**
   * Fetches, before a batch's transaction, the bodies of the catalogs its
   * events record by reference (`PostgresEventLog.catalogBodiesFor`).
   * Without it such an event whose node holds another catalog is recorded
   * as a projection failure.
   * @defaultValue none
   */
  readonly catalogBodiesFor?: (events: readonly RecordedEvent[]) => Promise<CatalogBodyLookup>;
}

/**
 * The storeconfigs projection on PostgreSQL: PuppetDB's semantics through
 * the same handlers as SQLite (storeconfigs.handlers.ts). Each batch is
 * one transaction: the checkpoint and what the handlers will read are
 * fetched (a few queries), the handlers run against that snapshot and
 * queue their writes, the writes and the new checkpoint are sent, then
 * COMMIT. A bad event is left out and recorded in `projection_failures`
 * as on SQLite; a database error fails the batch, checkpoint unchanged.
 */
export class PostgresStoreconfigsProjection implements SharedProjection {
  readonly name = STORECONFIGS_PROJECTION_NAME;
  private current: number;
  private closing: Promise<void> | undefined;
  private running: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly database: PostgresStoreconfigsDatabase,
    private readonly options: { readonly reportRetention: number; readonly rowsPerInsert: number } & Pick<PostgresStoreconfigsProjectionOptions, 'catalogBodiesFor'>,
    checkpoint: number,
  ) {
    this.current = checkpoint;
  }

  /** Connects, creates the schema when missing and reads the checkpoint. */
  static async open(options: PostgresStoreconfigsProjectionOptions): Promise<PostgresStoreconfigsProjection> {
    const o = { ...DEFAULT_STORECONFIGS_PROJECTION_OPTIONS, ...options };
    if (!Number.isInteger(o.reportRetention) || o.reportRetention < 1) throw new ConfigError('reportRetention', 'must be an integer ≥ 1');
    if (!Number.isInteger(o.rowsPerInsert) || o.rowsPerInsert < 1 || o.rowsPerInsert > 1000) {
      throw new ConfigError('rowsPerInsert', 'must be an integer in 1…1000');
    }
    const database = await openPostgresStoreconfigs(o);
    try {
      const checkpoint = await readCheckpoint(database);
      return new PostgresStoreconfigsProjection(database, o, checkpoint);
    } catch (e) {
      await database.close();
      throw e;
    }
  }

  get checkpoint(): number {
    return this.current;
  }

  /** Reads the shared checkpoint (another instance's projector moves it) and takes it; after any `apply` under way. */
  refresh(): Promise<number> {
    const run = this.running.then(async () => {
      this.current = await readCheckpoint(this.database);
      return this.current;
    });
    this.running = run.catch(() => {});
    return run;
  }

  /** As the SQLite projection's `apply`; calls run one after another. */
  apply(batch: readonly RecordedEvent[]): Promise<ApplyOutcome> {
    if (this.closing) return Promise.reject(new Error('storeconfigs projection is closed'));
    const run = this.running.then(() => this.applyNow(ascending(batch)));
    this.running = run.catch(() => {});
    return run;
  }

  private async applyNow(events: readonly RecordedEvent[]): Promise<ApplyOutcome> {
    const byReference = events.some((e) => e.type === 'catalog_submitted' && e.data.bodyOf !== undefined);
    const catalogBodies = byReference ? await this.options.catalogBodiesFor?.(events) : undefined;
    const failed = new Map<number, ProjectionFailure>();
    // Each pass either succeeds or finds one more bad event: at most events.length + 1 passes.
    for (;;) {
      try {
        const outcome = await this.database.db.transaction().execute(async (trx) => {
          // One batch at a time per schema, whoever applies it: another instance's projection on the same
          // database waits here, then finds the checkpoint moved and skips what was applied.
          await sql`SELECT pg_advisory_xact_lock(hashtext('troupe storeconfigs ' || current_schema()))`.execute(trx);
          const start = await readCheckpoint(trx);
          const snapshot = await fetchBatchSnapshot(trx, events.filter((e) => e.position > start));
          const writes = new PostgresBatchWrites(this.database.db, snapshot, this.options.rowsPerInsert);
          const result = applyBatchPass(events, {
            name: this.name, start, store: writes, reportRetention: this.options.reportRetention, catalogBodies, failed,
            // The handlers touch no database here (their writes are queued): whatever they throw is the event's.
            isDatabaseError: () => false,
            onEvent: (e) => writes.at(e),
          });
          await writes.flush(trx);
          return result;
        });
        this.current = outcome.position;
        return outcome;
      } catch (e) {
        if (!(e instanceof UnappliableEvent)) throw withSqlstate(e);
        failed.set(e.failure.position, e.failure);
      }
    }
  }

  /** Idempotent; waits for an `apply` in progress. */
  close(): Promise<void> {
    return (this.closing ??= this.running.then(() => this.database.close()));
  }
}

async function readCheckpoint(source: Kysely<StoreconfigsSchema> | PostgresStoreconfigsDatabase): Promise<number> {
  const k = 'pool' in source ? source.db : source;
  const row = await k.selectFrom('checkpoint').select('position').where('name', '=', STORECONFIGS_PROJECTION_NAME).executeTakeFirst();
  return row === undefined ? 0 : Number(row.position);
}

/**
 * A lost or refused connection as a resource fault: the runner retries
 * the batch after a back-off (showing the reason as a degradation) rather
 * than stopping. Socket errors carry no SQLSTATE, and a FATAL error ends
 * the session whatever its code (a database not accepting connections is
 * 55000): both get 08006, connection failure, as their cause's code.
 * Errors of a live session keep their own (08/53/57P0x are faults already).
 */
function withSqlstate(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const code = (e as { code?: unknown }).code;
  const lost = e instanceof pg.DatabaseError
    ? e.severity === 'FATAL'
    : (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || /connection|terminat|timeout/i.test(e.message);
  return lost ? new Error(`storeconfigs on PostgreSQL: ${e.message} (08006)`, { cause: { code: '08006', message: e.message } }) : e;
}
