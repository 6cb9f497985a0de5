import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * Runs `migrate` in one transaction holding the transaction-level advisory
 * lock `lock` (one key per set of tables). `CREATE … IF NOT EXISTS` races
 * when instances start together (a duplicate pg_type row), so every
 * PostgreSQL store creates and upgrades its tables one instance at a time.
 */
export async function migrateUnderLock<DB, T = void>(db: Kysely<DB>, lock: number, migrate: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${lock})`.execute(trx);
    return migrate(trx);
  });
}
