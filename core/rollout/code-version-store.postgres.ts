import { Kysely, PostgresDialect, sql } from 'kysely';
import { TroupeError } from '../errors/troupe-error.js';
import { openPgPool } from '../postgres/pg-pool.js';
import type { CodeVersionStore } from './code-version-store.js';
import { migrateUnderLock } from '../postgres/migration-lock.js';

/** Advisory lock key taken while creating the table ("code"), so instances starting together do not race. */
const MIGRATION_LOCK = 0x636f6465;

interface CodeVersionSchema {
  code_versions: { environment: string; code_id: string; archive: Uint8Array; bytes: number };
}

/**
 * Code versions in PostgreSQL, table `code_versions`: one row per
 * (environment, code id), the gzipped archive in a bytea (its size is
 * bounded where it is packed, `packDirectory`).
 */
export class PostgresCodeVersionStore implements CodeVersionStore {
  private constructor(private readonly db: Kysely<CodeVersionSchema>) {}

  /** Connects (one connection: versions are stored and fetched rarely) and creates the table if missing. */
  static async open(connectionString: string): Promise<PostgresCodeVersionStore> {
    const db = new Kysely<CodeVersionSchema>({ dialect: new PostgresDialect({ pool: openPgPool(connectionString, 1) }) });
    try {
      await migrateUnderLock(db, MIGRATION_LOCK, async (trx) => {
        await trx.schema.createTable('code_versions').ifNotExists()
          .addColumn('environment', 'text', (c) => c.notNull())
          .addColumn('code_id', 'text', (c) => c.notNull())
          .addColumn('archive', 'bytea', (c) => c.notNull())
          .addColumn('bytes', 'bigint', (c) => c.notNull())
          .addColumn('stored_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
          .addPrimaryKeyConstraint('code_versions_pk', ['environment', 'code_id'])
          .execute();
      });
    } catch (e) {
      await db.destroy();
      throw new TroupeError('config_invalid', `cannot create code_versions: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return new PostgresCodeVersionStore(db);
  }

  async put(environment: string, codeId: string, archive: Uint8Array): Promise<void> {
    await this.db.insertInto('code_versions').values({ environment, code_id: codeId, archive, bytes: archive.byteLength })
      .onConflict((oc) => oc.columns(['environment', 'code_id']).doNothing()).execute();
  }

  async get(environment: string, codeId: string): Promise<Uint8Array | undefined> {
    const row = await this.db.selectFrom('code_versions').select('archive')
      .where('environment', '=', environment).where('code_id', '=', codeId).executeTakeFirst();
    return row?.archive;
  }

  async codeIds(environment: string): Promise<string[]> {
    const rows = await this.db.selectFrom('code_versions').select('code_id').where('environment', '=', environment).execute();
    return rows.map((r) => r.code_id);
  }

  async retain(environment: string, keep: ReadonlySet<string>): Promise<void> {
    await this.db.deleteFrom('code_versions').where('environment', '=', environment)
      .where(sql<boolean>`NOT (code_id = any(${[...keep]}::text[]))`).execute();
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
