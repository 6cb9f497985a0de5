import { PostgresAdapter, type Kysely } from 'kysely';
import type { QueryDialect } from './query-dialect.js';
import { POSTGRES_DIALECT } from './query-dialect.postgres.js';
import { SQLITE_DIALECT } from './query-dialect.sqlite.js';

/** The query dialect of the database kysely `db` talks to (its adapter says which). */
export function dialectOf(db: Kysely<any>): QueryDialect { // eslint-disable-line @typescript-eslint/no-explicit-any
  return db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES_DIALECT : SQLITE_DIALECT;
}
