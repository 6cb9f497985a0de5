import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../../core/errors/troupe-error.js';
import type { StoreconfigsSchema } from '../storeconfigs/storeconfigs.schema.js';
import { migratePostgresStoreconfigs } from './storeconfigs.schema.postgres.js';

/** How to reach storeconfigs on PostgreSQL; defaults in {@link DEFAULT_POSTGRES_STORECONFIGS_OPTIONS}. */
export interface PostgresStoreconfigsOptions {
  /** `postgres://user[:password]@host[:port]/database`. */
  readonly connectionString: string;
  /**
   * The PostgreSQL schema holding the tables (the event log's are in `public`
   * of the same database). Lower-case letters, digits and `_`.
   * @defaultValue 'storeconfigs'
   */
  readonly schema?: string;
  /**
   * Connections in the pool (the projection uses one at a time, queries the rest).
   * @defaultValue 4
   */
  readonly maxConnections?: number;
  /**
   * Create or check the schema on open. Query processes skip it: the
   * projection's open has done it.
   * @defaultValue true
   */
  readonly migrate?: boolean;
}

export const DEFAULT_POSTGRES_STORECONFIGS_OPTIONS = {
  schema: 'storeconfigs',
  maxConnections: 4,
  migrate: true,
} as const satisfies Omit<Required<PostgresStoreconfigsOptions>, 'connectionString'>;

/** Storeconfigs on PostgreSQL: the pool (rows as arrays for the query engine) and kysely over it. */
export interface PostgresStoreconfigsDatabase {
  readonly pool: pg.Pool;
  readonly db: Kysely<StoreconfigsSchema>;
  readonly schema: string;
  /** Idempotent. */
  close(): Promise<void>;
}

const INT8_OID = 20;
const JSON_OIDS = new Set([114, 3802]);
/**
 * int8 as a JS number (positions, counts: exact up to 2^53); json and
 * jsonb as their text, as SQLite answers JSON (decoders parse it or splice
 * it into answers).
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (JSON_OIDS.has(oid)) return (v: string) => v;
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as typeof pg.types.getTypeParser,
};

/** Opens a pool on the storeconfigs schema (search_path, UTC, no JIT) and, unless told not to, creates the tables. */
export async function openPostgresStoreconfigs(options: PostgresStoreconfigsOptions): Promise<PostgresStoreconfigsDatabase> {
  const o = { ...DEFAULT_POSTGRES_STORECONFIGS_OPTIONS, ...options };
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(o.schema)) throw new ConfigError('schema', 'must be lower-case letters, digits and _ (at most 63)');
  if (!Number.isInteger(o.maxConnections) || o.maxConnections < 1) throw new ConfigError('maxConnections', 'must be a positive integer');
  const pool = new pg.Pool({
    connectionString: o.connectionString, max: o.maxConnections, types,
    // JIT off: the planner's estimates for fact leaves (a recursive CTE over jsonb) run to millions of rows,
    // and compiling the plan then takes ~0.7 s for a query that runs in milliseconds.
    options: `-c search_path=${o.schema},public -c TimeZone=UTC -c jit=off`,
  });
  // A client losing its connection must not crash the process (an 'error' event without a listener throws):
  // idle, the pool drops it; checked out, the query in flight or the next one fails and reports it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<StoreconfigsSchema>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= db.destroy());
  try {
    if (o.migrate) await migratePostgresStoreconfigs(db, o.schema);
  } catch (e) {
    await close();
    throw e;
  }
  return { pool, db, schema: o.schema, close };
}
