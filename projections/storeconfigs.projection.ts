import Database from 'better-sqlite3';
import { ConfigError } from '../core/errors/troupe-error.js';
import type { RecordedEvent } from '../core/events/event.types.js';
import type { CatalogBodyLookup } from '../core/log/catalog-references.js';
import type { ApplyOutcome, Projection, ProjectionFailure } from './projection.types.js';
import { deriveNode, dispatch, type ApplyContext } from './storeconfigs.handlers.js';
import type { NodesTable } from './storeconfigs.schema.js';
import {
  openStoreconfigsDatabase, type StoreconfigsDatabase, type StoreconfigsDatabaseOptions,
} from './storeconfigs.database.js';
import { prepareStoreconfigsStatements, type StoreconfigsStatements } from './storeconfigs.statements.js';

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
  private readonly stmts: StoreconfigsStatements;
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
    this.stmts = prepareStoreconfigsStatements(database.raw, options.rowsPerInsert);
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
    // Out of order, a lower position after a higher one would be skipped as already applied.
    const events = isAscending(batch) ? batch : [...batch].sort((a, b) => a.position - b.position);
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
    return this.database.raw.transaction((): ApplyOutcome => {
      const start = this.readCheckpoint();
      let position = start;
      const nodes = new Map<string, NodesTable>();
      const dirty = new Set<NodesTable>();
      const ctx: ApplyContext = {
        stmts: this.stmts,
        reportRetention: this.retention,
        node: (certname, at) => {
          let n = nodes.get(certname);
          if (!n) {
            n = (this.stmts.getNode.get(certname) as NodesTable | undefined) ?? emptyNode(certname, at);
            nodes.set(certname, n);
          }
          return n;
        },
        touch: (node, at) => {
          node.updated_position = at;
          dirty.add(node);
        },
        catalogBody: (eventId, certname) => {
          const body = this.catalogBodies?.(eventId, certname);
          if (!body) throw new Error(`the catalog it refers to (event ${eventId} of ${certname}) is not in the log`);
          return body;
        },
      };
      let applied = 0;
      const recorded: ProjectionFailure[] = [];
      for (const event of events) {
        if (event.position <= position) continue;
        const failure = failed.get(event.position);
        if (failure) {
          this.stmts.putProjectionFailure.run(failure.position, failure.eventId, String(event.stream), String(event.type), failure.reason);
          recorded.push(failure);
        } else {
          applyOne(event, ctx);
          applied++;
        }
        position = event.position;
      }
      for (const node of dirty) {
        deriveNode(node);
        this.stmts.putNode.run(node);
      }
      if (position > start) this.stmts.setCheckpoint.run(this.name, position);
      return { applied, skipped: events.length - applied - recorded.length, failed: recorded, position };
    })();
  }

  /** Idempotent; an `apply` in progress has finished (it is synchronous). */
  close(): Promise<void> {
    return (this.closing ??= this.database.close());
  }

  private readCheckpoint(): number {
    return (this.stmts.getCheckpoint.get(this.name) as number | undefined) ?? 0;
  }
}

/** Thrown inside the batch's transaction, which rolls it back, to apply the batch again without this event. */
class UnappliableEvent extends Error {
  constructor(readonly failure: ProjectionFailure) {
    super(failure.reason);
  }
}

/**
 * Dispatches one event; an error caused by its data becomes an
 * UnappliableEvent. SQLite errors other than constraint violations (a
 * duplicate resource in a catalog is one) are about the database, not the
 * event, and propagate unchanged.
 */
function applyOne(event: RecordedEvent, ctx: ApplyContext): void {
  try {
    dispatch(event, ctx);
  } catch (e) {
    if (e instanceof Database.SqliteError && !e.code.startsWith('SQLITE_CONSTRAINT')) throw e;
    throw new UnappliableEvent({ position: event.position, eventId: String(event.id), reason: String((e as Error)?.message ?? e) });
  }
}

function isAscending(batch: readonly RecordedEvent[]): boolean {
  for (let i = 1; i < batch.length; i++) if (batch[i]!.position < batch[i - 1]!.position) return false;
  return true;
}

function emptyNode(certname: string, position: number): NodesTable {
  return {
    certname, environment: null,
    facts_environment: null, facts_timestamp: null, facts_event_id: null, facts_producer: null,
    catalog_environment: null, catalog_timestamp: null, catalog_event_id: null, catalog_hash: null,
    report_environment: null, report_timestamp: null,
    last_deactivation: null, deactivated: null, updated_position: position,
  };
}
