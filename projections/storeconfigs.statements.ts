import type Database from 'better-sqlite3';
import { chunkedInsert, type ChunkedInsert } from './chunked-insert.sqlite.js';
import { EVENT_COLUMNS, type NodesTable, type ReportsTable } from './storeconfigs.schema.js';

/** Column order of `reports` (the insert). */
const REPORT_COLUMNS = [
  'event_id', 'hash', 'certname', 'position', 'environment', 'status', 'noop', 'configuration_version', 'transaction_uuid',
  'catalog_uuid', 'puppet_version', 'start_time', 'end_time', 'producer_timestamp', 'producer_ms', 'receive_time',
  'noop_pending', 'corrective_change', 'cached_catalog_status', 'code_id', 'job_id', 'producer', 'report_format', 'type', 'body',
] as const satisfies readonly (keyof ReportsTable)[];

/** Column order of `nodes`, shared by the upsert and the row mapping. */
const NODE_COLUMNS = [
  'certname', 'environment',
  'facts_environment', 'facts_timestamp', 'facts_event_id', 'facts_producer',
  'catalog_environment', 'catalog_timestamp', 'catalog_event_id', 'catalog_hash',
  'report_environment', 'report_timestamp',
  'last_deactivation', 'deactivated', 'updated_position',
] as const satisfies readonly (keyof NodesTable)[];

/** Values of one `resources` row, in insert order. */
export type ResourceRow = readonly [
  certname: string, type: string, title: string, exported: number,
  tags: string, parameters: string, file: string | null, line: number | null, resource: string,
];
/** Values of one `edges` row, in insert order. */
export type EdgeRow = readonly [
  certname: string, sourceType: string, sourceTitle: string, targetType: string, targetTitle: string, relationship: string,
];
/** Values of one `facts` row, in insert order. */
export type FactRow = readonly [certname: string, name: string, value: string];

/**
 * The write path's prepared statements, on the raw better-sqlite3 handle:
 * the projection runs synchronously inside one transaction per batch, which
 * kysely's async executor cannot do without a round trip per statement.
 */
export function prepareStoreconfigsStatements(raw: Database.Database, rowsPerChunk: number) {
  const p = (s: string): Database.Statement => raw.prepare(s);
  return {
    getCheckpoint: p('SELECT position FROM checkpoint WHERE name = ?').pluck(),
    putProjectionFailure: p('INSERT OR REPLACE INTO projection_failures (position, event_id, certname, type, reason) VALUES (?, ?, ?, ?, ?)'),
    setCheckpoint: p('INSERT INTO checkpoint (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position'),
    getNode: p('SELECT * FROM nodes WHERE certname = ?'),
    putNode: p(`INSERT OR REPLACE INTO nodes (${NODE_COLUMNS.join(', ')}) VALUES (${NODE_COLUMNS.map((c) => `@${c}`).join(', ')})`),

    factsOf: p('SELECT name, value FROM facts WHERE certname = ?').raw(),
    deleteFact: p('DELETE FROM facts WHERE certname = ? AND name = ?'),
    upsertFacts: chunkedInsert<FactRow>(raw, 'INSERT OR REPLACE INTO facts (certname, name, value)', 3, rowsPerChunk),

    deleteResources: p('DELETE FROM resources WHERE certname = ?'),
    deleteEdges: p('DELETE FROM edges WHERE certname = ?'),
    insertResources: chunkedInsert<ResourceRow>(raw,
      'INSERT OR REPLACE INTO resources (certname, type, title, exported, tags, parameters, file, line, resource)', 9, rowsPerChunk),
    insertEdges: chunkedInsert<EdgeRow>(raw,
      'INSERT OR IGNORE INTO edges (certname, source_type, source_title, target_type, target_title, relationship)', 6, rowsPerChunk),
    putCatalog: p(`INSERT OR REPLACE INTO catalogs
      (certname, hash, version, code_id, catalog_uuid, transaction_uuid, environment, producer_timestamp, producer, compiler, source, event_id, position, body)
      VALUES (@certname, @hash, @version, @code_id, @catalog_uuid, @transaction_uuid, @environment, @producer_timestamp, @producer, @compiler, @source, @event_id, @position, @body)`),
    touchCatalog: p(`UPDATE catalogs SET version = @version, code_id = @code_id, catalog_uuid = @catalog_uuid,
      transaction_uuid = @transaction_uuid, environment = @environment, producer_timestamp = @producer_timestamp,
      producer = @producer, compiler = @compiler, source = @source, event_id = @event_id, position = @position
      WHERE certname = @certname`),

    insertReport: p(`INSERT OR IGNORE INTO reports (${REPORT_COLUMNS.join(', ')}) VALUES (${REPORT_COLUMNS.map((c) => `@${c}`).join(', ')})`),
    insertEvent: p(`INSERT OR IGNORE INTO resource_events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => `@${c}`).join(', ')})`),
    countReports: p('SELECT count(*) FROM reports WHERE certname = ?').pluck(),
    // Events first: they name the reports the second statement deletes.
    pruneEvents: p(`DELETE FROM resource_events WHERE report_id IN (
      SELECT event_id FROM reports WHERE certname = @certname ORDER BY producer_ms DESC, event_id DESC LIMIT -1 OFFSET @keep)`),
    pruneReports: p(`DELETE FROM reports WHERE certname = @certname AND event_id IN (
      SELECT event_id FROM reports WHERE certname = @certname ORDER BY producer_ms DESC, event_id DESC LIMIT -1 OFFSET @keep)`),

    catalogInputsOf: p('SELECT producer_timestamp, event_id FROM catalog_inputs WHERE certname = ?'),
    putCatalogInputs: p(`INSERT OR REPLACE INTO catalog_inputs (certname, catalog_uuid, producer_timestamp, event_id, inputs)
      VALUES (?, ?, ?, ?, ?)`),
    putCompileFailure: p(`INSERT OR REPLACE INTO compile_failures (certname, time, environment, compiler, error, event_id)
      VALUES (?, ?, ?, ?, ?, ?)`),
    putRequest: p('INSERT OR IGNORE INTO compile_requests (event_id, certname, transaction_uuid) VALUES (?, ?, ?)'),
    requestTransaction: p('SELECT transaction_uuid FROM compile_requests WHERE event_id = ?').pluck(),
    deleteRequest: p('DELETE FROM compile_requests WHERE event_id = ?'),
    deleteRequestsOf: p('DELETE FROM compile_requests WHERE certname = ?'),
    putEnvironment: p('INSERT OR REPLACE INTO environments (environment, code_id, deployed_at, event_id) VALUES (?, ?, ?, ?)'),
  } as const satisfies Record<string, Database.Statement | ChunkedInsert<never>>;
}

/** The prepared write statements of one connection. */
export type StoreconfigsStatements = ReturnType<typeof prepareStoreconfigsStatements>;
