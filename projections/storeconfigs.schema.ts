import type Database from 'better-sqlite3';

/**
 * The storeconfigs database: PuppetDB's data model (nodes, facts, catalogs,
 * resources, edges, reports) projected from the event log. Every value comes
 * from an event, never from the wall clock, so a replay of the same log gives
 * the same rows. Timestamps are the producers' ISO-8601 strings; `*_ms`
 * columns hold the same instant as epoch milliseconds for ordering.
 */
export interface StoreconfigsSchema {
  nodes: NodesTable;
  facts: FactsTable;
  catalogs: CatalogsTable;
  resources: ResourcesTable;
  edges: EdgesTable;
  reports: ReportsTable;
  compile_failures: CompileFailuresTable;
  environments: EnvironmentsTable;
  compile_requests: CompileRequestsTable;
  projection_failures: ProjectionFailuresTable;
  checkpoint: CheckpointTable;
}

/** One row per certname ever seen in a node event. */
export interface NodesTable {
  certname: string;
  /** The catalog's environment, else the facts', else the last report's. */
  environment: string | null;
  facts_environment: string | null;
  facts_timestamp: string | null;
  /** Tie-break between facts with equal producer timestamps. */
  facts_event_id: string | null;
  facts_producer: string | null;
  catalog_environment: string | null;
  catalog_timestamp: string | null;
  catalog_event_id: string | null;
  catalog_hash: string | null;
  report_environment: string | null;
  /** Newest report producer timestamp seen. */
  report_timestamp: string | null;
  /** Newest `node_deactivated` producer timestamp seen, kept after reactivation. */
  last_deactivation: string | null;
  /**
   * `last_deactivation` while it is at or after every facts, catalog and
   * report timestamp (as PuppetDB: only a newer command reactivates); null
   * for an active node.
   */
  deactivated: string | null;
  /** Log position of the last event that changed this row. */
  updated_position: number;
}

/** The node's latest facts, one row per top-level fact. */
export interface FactsTable {
  certname: string;
  /** Top-level fact name (`os`, `networking`, …). */
  name: string;
  /** The fact's value as JSON. */
  value: string;
}

/** The node's latest catalog. */
export interface CatalogsTable {
  certname: string;
  /** `catalogHash` of resources and edges (the ETag of the read API). */
  hash: string;
  version: string;
  code_id: string | null;
  catalog_uuid: string | null;
  transaction_uuid: string | null;
  environment: string;
  producer_timestamp: string;
  producer: string | null;
  /** Compiler backend for `catalog_compiled`; null for submitted catalogs. */
  compiler: string | null;
  /** Which event kind stored it. */
  source: 'compiled' | 'submitted';
  event_id: string;
  position: number;
  /** `{"resources":[…],"edges":[…]}` in store form; rewritten only when the hash changes. */
  body: string;
}

/** The latest catalog's resources. */
export interface ResourcesTable {
  certname: string;
  type: string;
  title: string;
  /** 1 for `@@` exported resources. */
  exported: number;
  /** JSON array of strings. */
  tags: string;
  /** JSON object. */
  parameters: string;
  file: string | null;
  line: number | null;
}

/** The latest catalog's edges (duplicates collapse). */
export interface EdgesTable {
  certname: string;
  source_type: string;
  source_title: string;
  target_type: string;
  target_title: string;
  relationship: string;
}

/** The newest reports per node (bounded by `reportRetention`). */
export interface ReportsTable {
  event_id: string;
  certname: string;
  position: number;
  environment: string;
  status: string;
  noop: number;
  configuration_version: string;
  transaction_uuid: string | null;
  catalog_uuid: string | null;
  puppet_version: string;
  start_time: string;
  end_time: string;
  producer_timestamp: string;
  producer_ms: number;
  /** The rest of the store-report payload (resources, metrics, logs) as JSON. */
  body: string;
}

/** The newest compile failure per node (a later successful compile does not clear it; compare times). */
export interface CompileFailuresTable {
  certname: string;
  time: string;
  environment: string;
  compiler: string;
  /** `CompileErrorInfo` as JSON. */
  error: string;
  event_id: string;
}

/** Code currently deployed per environment (from `code_deployed`). */
export interface EnvironmentsTable {
  environment: string;
  code_id: string;
  deployed_at: string;
  event_id: string;
}

/**
 * Open `catalog_requested` events that carry an agent's transaction uuid,
 * so the `catalog_compiled` answering them (by `requestIds`) stores it, as
 * PuppetDB links a catalog to the agent run's report. Answered (compiled or
 * failed) requests are deleted.
 */
export interface CompileRequestsTable {
  event_id: string;
  certname: string;
  transaction_uuid: string;
}

/**
 * Logged events the projection could not apply (a handler threw on their
 * data): skipped, with the reason, so one bad event cannot stop the
 * projection of every event after it. Nothing else of theirs is stored.
 */
export interface ProjectionFailuresTable {
  position: number;
  event_id: string;
  certname: string;
  type: string;
  reason: string;
}

/** One row per projection: the log position its effects include. */
export interface CheckpointTable {
  name: string;
  position: number;
}

/** Bumped when the DDL below changes incompatibly; a replay rebuilds the file. */
export const STORECONFIGS_SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS nodes (
  certname TEXT PRIMARY KEY,
  environment TEXT,
  facts_environment TEXT, facts_timestamp TEXT, facts_event_id TEXT, facts_producer TEXT,
  catalog_environment TEXT, catalog_timestamp TEXT, catalog_event_id TEXT, catalog_hash TEXT,
  report_environment TEXT, report_timestamp TEXT,
  last_deactivation TEXT, deactivated TEXT,
  updated_position INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
  certname TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (certname, name)
);
CREATE INDEX IF NOT EXISTS facts_by_name ON facts (name);
CREATE TABLE IF NOT EXISTS catalogs (
  certname TEXT PRIMARY KEY,
  hash TEXT NOT NULL, version TEXT NOT NULL, code_id TEXT, catalog_uuid TEXT, transaction_uuid TEXT,
  environment TEXT NOT NULL, producer_timestamp TEXT NOT NULL, producer TEXT, compiler TEXT,
  source TEXT NOT NULL, event_id TEXT NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS resources (
  certname TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL,
  exported INTEGER NOT NULL, tags TEXT NOT NULL, parameters TEXT NOT NULL,
  file TEXT, line INTEGER,
  UNIQUE (certname, type, title)
);
CREATE INDEX IF NOT EXISTS resources_exported_by_type ON resources (type, certname) WHERE exported = 1;
CREATE INDEX IF NOT EXISTS resources_by_type_title ON resources (type, title);
CREATE TABLE IF NOT EXISTS edges (
  certname TEXT NOT NULL,
  source_type TEXT NOT NULL, source_title TEXT NOT NULL,
  target_type TEXT NOT NULL, target_title TEXT NOT NULL,
  relationship TEXT NOT NULL,
  PRIMARY KEY (certname, source_type, source_title, target_type, target_title, relationship)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reports (
  event_id TEXT PRIMARY KEY,
  certname TEXT NOT NULL, position INTEGER NOT NULL, environment TEXT NOT NULL,
  status TEXT NOT NULL, noop INTEGER NOT NULL, configuration_version TEXT NOT NULL,
  transaction_uuid TEXT, catalog_uuid TEXT, puppet_version TEXT NOT NULL,
  start_time TEXT NOT NULL, end_time TEXT NOT NULL,
  producer_timestamp TEXT NOT NULL, producer_ms INTEGER NOT NULL, body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_node ON reports (certname, producer_ms, event_id);
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
  position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, certname TEXT NOT NULL, type TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
`;

/** The part of better-sqlite3 the migration needs. */
export type MigratableDatabase = Pick<Database.Database, 'exec' | 'pragma'>;

/**
 * Creates the schema; idempotent (safe on every open). Refuses a file made
 * by a newer schema version rather than guessing at its layout.
 */
export function migrateStoreconfigs(db: MigratableDatabase): { readonly ok: true } | { readonly ok: false; readonly found: number } {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > STORECONFIGS_SCHEMA_VERSION) return { ok: false, found };
  db.exec(`BEGIN; ${DDL} PRAGMA user_version = ${STORECONFIGS_SCHEMA_VERSION}; COMMIT;`);
  return { ok: true };
}

/** Every projected table, in a stable order (dumps, counts, docs). */
export const STORECONFIGS_TABLES = [
  'nodes', 'facts', 'catalogs', 'resources', 'edges', 'reports', 'compile_failures', 'environments', 'compile_requests', 'projection_failures', 'checkpoint',
] as const satisfies readonly (keyof StoreconfigsSchema)[];
