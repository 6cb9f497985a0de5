import { sql, type Kysely } from 'kysely';
import { TroupeError } from '../../core/errors/troupe-error.js';
import type { StoreconfigsSchema } from '../storeconfigs/storeconfigs.schema.js';
import { migrateUnderLock } from '../../core/postgres/migration-lock.js';

/** Bumped when the DDL below changes incompatibly; a replay into a new schema rebuilds it. */
export const POSTGRES_STORECONFIGS_SCHEMA_VERSION = 1;

/** Advisory lock key taken while creating the schema ("trsc"), so instances starting together do not race. */
const MIGRATION_LOCK = 0x74727363;

/**
 * The storeconfigs tables on PostgreSQL: the same tables, columns and
 * keys as SQLite's (storeconfigs.schema.ts, the kysely types both use).
 * Differences, all of representation:
 * - text is `COLLATE "C"` (byte order, as SQLite's BINARY), so ordered
 *   answers agree between the backends whatever the database's locale;
 * - JSON stays text (as `JSON.stringify` wrote it, spliced into answers
 *   unparsed); queries cast it to jsonb where they look inside;
 * - the exported-resources index holds no `tags`/`parameters` (a B-tree
 *   entry is limited to ~2.7 KB);
 * - `pdb_ts_ms` is an SQL function here (a JS function on SQLite);
 * - resources store PuppetDB's resource hash (`resource`), computed when
 *   the catalog is projected, as on SQLite.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS nodes (
  certname TEXT PRIMARY KEY,
  environment TEXT,
  facts_environment TEXT, facts_timestamp TEXT, facts_event_id TEXT, facts_producer TEXT,
  catalog_environment TEXT, catalog_timestamp TEXT, catalog_event_id TEXT, catalog_hash TEXT,
  report_environment TEXT, report_timestamp TEXT,
  last_deactivation TEXT, deactivated TEXT,
  updated_position BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (
  certname TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (certname, name)
);
CREATE INDEX IF NOT EXISTS facts_by_name_value ON facts (name, certname, value);
CREATE TABLE IF NOT EXISTS catalogs (
  certname TEXT PRIMARY KEY,
  hash TEXT NOT NULL, version TEXT NOT NULL, code_id TEXT, catalog_uuid TEXT, transaction_uuid TEXT,
  environment TEXT NOT NULL, producer_timestamp TEXT NOT NULL, producer TEXT, compiler TEXT,
  source TEXT NOT NULL, event_id TEXT NOT NULL, position BIGINT NOT NULL, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS resources (
  certname TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL,
  exported INTEGER NOT NULL, tags TEXT NOT NULL, parameters TEXT NOT NULL,
  file TEXT, line INTEGER, resource TEXT NOT NULL,
  UNIQUE (certname, type, title)
);
CREATE INDEX IF NOT EXISTS resources_exported ON resources (type, certname, title) WHERE exported = 1;
CREATE INDEX IF NOT EXISTS resources_by_type_title_node ON resources (type, title, certname);
CREATE TABLE IF NOT EXISTS edges (
  certname TEXT NOT NULL,
  source_type TEXT NOT NULL, source_title TEXT NOT NULL,
  target_type TEXT NOT NULL, target_title TEXT NOT NULL,
  relationship TEXT NOT NULL,
  PRIMARY KEY (certname, source_type, source_title, target_type, target_title, relationship)
);
CREATE TABLE IF NOT EXISTS reports (
  event_id TEXT PRIMARY KEY,
  certname TEXT NOT NULL, position BIGINT NOT NULL, environment TEXT NOT NULL,
  status TEXT NOT NULL, noop INTEGER NOT NULL, configuration_version TEXT NOT NULL,
  transaction_uuid TEXT, catalog_uuid TEXT, puppet_version TEXT NOT NULL,
  start_time TEXT NOT NULL, end_time TEXT NOT NULL,
  producer_timestamp TEXT NOT NULL, producer_ms BIGINT NOT NULL, body TEXT NOT NULL,
  hash TEXT NOT NULL, receive_time TEXT NOT NULL,
  noop_pending INTEGER, corrective_change INTEGER, cached_catalog_status TEXT, code_id TEXT, job_id TEXT,
  producer TEXT, report_format INTEGER, type TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_node_latest ON reports (certname, producer_ms DESC, event_id DESC);
CREATE UNIQUE INDEX IF NOT EXISTS reports_by_hash ON reports (hash);
CREATE TABLE IF NOT EXISTS resource_events (
  report_id TEXT NOT NULL, seq INTEGER NOT NULL, certname TEXT NOT NULL, status TEXT NOT NULL, timestamp TEXT NOT NULL,
  resource_type TEXT NOT NULL, resource_title TEXT NOT NULL, property TEXT, name TEXT,
  new_value TEXT NOT NULL, old_value TEXT NOT NULL, message TEXT, file TEXT, line INTEGER,
  containment_path TEXT, containing_class TEXT, corrective_change INTEGER,
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX IF NOT EXISTS resource_events_by_resource ON resource_events (resource_type, resource_title);
CREATE INDEX IF NOT EXISTS resource_events_by_node ON resource_events (certname, status);
CREATE TABLE IF NOT EXISTS catalog_inputs (
  certname TEXT PRIMARY KEY, catalog_uuid TEXT, producer_timestamp TEXT NOT NULL, event_id TEXT NOT NULL, inputs TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS compile_failures (
  certname TEXT PRIMARY KEY, time TEXT NOT NULL, environment TEXT NOT NULL,
  compiler TEXT NOT NULL, error TEXT NOT NULL, event_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS environments (
  environment TEXT PRIMARY KEY, code_id TEXT NOT NULL, deployed_at TEXT NOT NULL, event_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS compile_requests (
  event_id TEXT PRIMARY KEY, certname TEXT NOT NULL, transaction_uuid TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS compile_requests_by_node ON compile_requests (certname);
CREATE TABLE IF NOT EXISTS projection_failures (
  position BIGINT PRIMARY KEY, event_id TEXT NOT NULL, certname TEXT NOT NULL, type TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoint (name TEXT PRIMARY KEY, position BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
`.replaceAll(' TEXT', ' TEXT COLLATE "C"');

/** The query functions: epoch milliseconds of an ISO-8601 text or NULL (the session's time zone is UTC, as Date.parse's); SHA-1 in hex. */
const FUNCTIONS = [`
CREATE OR REPLACE FUNCTION pdb_ts_ms(t text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$
BEGIN
  RETURN extract(epoch FROM t::timestamptz) * 1000;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $f$`];

/**
 * Creates the storeconfigs tables in `schema` when missing (idempotent,
 * under an advisory lock) and refuses a schema made by a newer Troupe.
 * The connections' search_path names `schema` first.
 */
export async function migratePostgresStoreconfigs(db: Kysely<StoreconfigsSchema>, schema: string): Promise<void> {
  await migrateUnderLock(db, MIGRATION_LOCK, async (trx) => {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(trx);
    for (const statement of [...DDL.split(';\n'), ...FUNCTIONS]) if (statement.trim() !== '') await sql.raw(statement).execute(trx);
    const found = await sql<{ version: number }>`SELECT version FROM schema_version WHERE id = 1`.execute(trx);
    const version = found.rows[0]?.version;
    if (version !== undefined && version > POSTGRES_STORECONFIGS_SCHEMA_VERSION) {
      throw new TroupeError('config_invalid', `storeconfigs schema ${schema}: version ${version} is newer than this Troupe; replay into a new schema`);
    }
    await sql`INSERT INTO schema_version (id, version) VALUES (1, ${POSTGRES_STORECONFIGS_SCHEMA_VERSION}) ON CONFLICT (id) DO NOTHING`.execute(trx);
  });
}
