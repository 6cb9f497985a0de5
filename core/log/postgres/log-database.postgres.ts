import { sql, type Generated, type Kysely } from 'kysely';
import type { StoredEventRow } from '../log-row.js';
import { migrateUnderLock } from '../../postgres/migration-lock.js';

export interface PostgresEventsTable extends StoredEventRow {
  /** When the event was committed (the append transaction's start); not indexed: only `replay --until TIME` asks, and every index costs each append. */
  recorded_at: Generated<Date>;
  /**
   * The data without its bodies (`leanTextOf`), for instances that only
   * route the event (`read`'s `bodiesOf`); null for an event without
   * bodies, and for events logged before the column existed (read whole).
   */
  lean: string | null;
}

/** The log's tables in PostgreSQL. */
export interface PostgresLogSchema {
  events: PostgresEventsTable;
  /** One row: the newest position. Its row lock serializes appenders (see PostgresRowWriter). */
  log_head: { id: number; position: number };
  /** One row the writer rewrites to learn whether a commit would succeed (LogWriter.probe). */
  log_probe: { id: number; probed_at: Date };
}

/** Advisory lock key taken while creating the schema, so instances starting together do not race. */
const MIGRATION_LOCK = 0x74726f75; // "trou"

/**
 * Creates the log's tables if they are missing. Positions are plain
 * BIGINTs given by the writer under `log_head`'s row lock, not a
 * sequence: a sequence hands out numbers before commit, so a reader could
 * see 7 committed while 6 commits later (a gap that fills), or skip a
 * number for good after a rollback. Data and meta are the JSON text the
 * producer's event serialized to (not jsonb, which would reorder keys).
 */
export async function migratePostgresLog(db: Kysely<PostgresLogSchema>): Promise<void> {
  await migrateUnderLock(db, MIGRATION_LOCK, async (trx) => {
    await trx.schema.createTable('events').ifNotExists()
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().unique())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('meta', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('events_stream_version', ['stream', 'version'])
      .execute();
    // Added after the table's first release: logs created before it gain it here, their rows null (read whole).
    await sql`ALTER TABLE events ADD COLUMN IF NOT EXISTS lean text`.execute(trx);
    await trx.schema.createIndex('events_stream_type').ifNotExists().on('events').columns(['stream', 'type', 'version']).execute();
    await trx.schema.createTable('log_head').ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
    await trx.insertInto('log_head').values({ id: 1, position: 0 }).onConflict((oc) => oc.column('id').doNothing()).execute();
    await trx.schema.createTable('log_probe').ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('probed_at', 'timestamptz', (c) => c.notNull())
      .execute();
  });
}
