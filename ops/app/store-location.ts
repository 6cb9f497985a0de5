import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { KurrentEventLog } from '../../core/log/kurrentdb/event-log.kurrentdb.js';
import { PostgresEventLog, type PostgresEventLogOptions } from '../../core/log/postgres/event-log.postgres.js';
import { SqliteEventLog, type SqliteEventLogOptions } from '../../core/log/sqlite/event-log.sqlite.js';
import { openPostgresStoreconfigs } from '../../projections/postgres/storeconfigs.database.postgres.js';
import type { PostgresQuerySource, SqliteQuerySource } from '../../projections/query/pdb-query.engine.js';
import { openStoreconfigsDatabase } from '../../projections/storeconfigs/storeconfigs.database.js';
import type { StoreconfigsSchema } from '../../projections/storeconfigs/storeconfigs.schema.js';
import type { TroupeConfig } from '../config/troupe.config.js';

/**
 * Where `troupe serve` keeps the event log and storeconfigs, as its
 * threads are told (a plain object: it crosses to worker threads). SQLite:
 * two files in the data directory. PostgreSQL: one database, the log's
 * tables in `public`, storeconfigs' in schema `schema`. KurrentDB: the log
 * on the server, storeconfigs a SQLite file in the data directory
 * (KurrentDB holds events, not tables; docs/kurrentdb.md).
 */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly logPath: string; readonly storeconfigsPath: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string }
  | { readonly kind: 'kurrentdb'; readonly url: string; readonly storeconfigsPath: string };

/** The PostgreSQL schema of storeconfigs beside the log's tables. */
export const POSTGRES_STORECONFIGS_SCHEMA = 'storeconfigs';

export function storeLocation(config: Pick<TroupeConfig, 'store' | 'dataDir'>): StoreLocation {
  const storeconfigsPath = join(config.dataDir, 'storeconfigs.db');
  switch (config.store.kind) {
    case 'postgres': return { kind: 'postgres', url: config.store.url, schema: POSTGRES_STORECONFIGS_SCHEMA };
    case 'kurrentdb': return { kind: 'kurrentdb', url: config.store.url, storeconfigsPath };
    case 'sqlite': return { kind: 'sqlite', logPath: join(config.dataDir, 'events.db'), storeconfigsPath };
  }
}

/** The event log of any backend (all have the serving extras: head, health, append listeners, nudges, catalog bodies, positionAt). */
export type ServedLog = SqliteEventLog | PostgresEventLog | KurrentEventLog;

/** Log options both backends take. */
export type ServedLogOptions = Pick<SqliteEventLogOptions & PostgresEventLogOptions, 'onHealthChange' | 'onCommit' | 'pollIntervalMs'>
  & Pick<SqliteEventLogOptions, 'synchronous'>;

/** Opens the log at `location` (PostgreSQL: connects and creates its tables when missing; KurrentDB: connects and reads the head). */
export async function openServedLog(location: StoreLocation, options: ServedLogOptions = {}): Promise<ServedLog> {
  if (location.kind === 'sqlite') return new SqliteEventLog({ path: location.logPath, ...options });
  const { synchronous: _, ...rest } = options;
  return location.kind === 'postgres'
    ? PostgresEventLog.open({ connectionString: location.url, ...rest })
    : KurrentEventLog.open({ connectionString: location.url, ...rest });
}

/** A read side of storeconfigs: kysely for the read API, the source for a query engine. */
export interface StoreconfigsReader {
  readonly db: Kysely<StoreconfigsSchema>;
  readonly source: SqliteQuerySource | PostgresQuerySource;
  close(): Promise<void>;
}

/** Opens storeconfigs for reading; the projection (its thread) has created it. */
export async function openStoreconfigsReader(location: StoreLocation): Promise<StoreconfigsReader> {
  if (location.kind !== 'postgres') {
    const database = openStoreconfigsDatabase({ path: location.storeconfigsPath, readonly: true });
    return { db: database.db, source: database, close: () => database.close() };
  }
  const database = await openPostgresStoreconfigs({ connectionString: location.url, schema: location.schema, migrate: false });
  return { db: database.db, source: database as PostgresQuerySource, close: () => database.close() };
}
