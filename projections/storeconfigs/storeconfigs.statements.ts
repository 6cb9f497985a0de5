import type Database from 'better-sqlite3';
import { chunkedInsert, type ChunkedInsert } from './chunked-insert.sqlite.js';
import { EVENT_COLUMNS, NODE_COLUMNS, REPORT_COLUMNS, type NodesTable } from './storeconfigs.schema.js';
import type { BatchWrites, EdgeRow, FactRow, ResourceRow } from './storeconfigs.writes.js';
import { replaceCatalogRows } from '../rows/catalog-rows.js';

/**
 * The write path's prepared statements, on the raw better-sqlite3 handle:
 * the projection runs synchronously inside one transaction per batch, which
 * kysely's async executor cannot do without a round trip per statement.
 */
/** The storeconfigs' prepared statements (SQLite). */
export type StoreconfigsStatements = ReturnType<typeof prepareStoreconfigsStatements>;

function prepareStoreconfigsStatements(raw: Database.Database, rowsPerChunk: number) {
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

    // A new catalog's rows are diffed against these (replaceCatalogRows): only changed rows are written.
    resourcesOf: p('SELECT type, title, exported, tags, parameters, file, line, resource FROM resources WHERE certname = ?').raw(),
    deleteResource: p('DELETE FROM resources WHERE certname = ? AND type = ? AND title = ?'),
    edgesOf: p('SELECT source_type, source_title, target_type, target_title, relationship FROM edges WHERE certname = ?').raw(),
    deleteEdge: p(`DELETE FROM edges WHERE certname = ? AND source_type = ? AND source_title = ? AND target_type = ? AND target_title = ?
      AND relationship = ?`),
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

/** The storeconfigs writes on SQLite: each runs its prepared statement at once, inside the batch's transaction. */
export function sqliteStoreconfigsWrites(raw: Database.Database, rowsPerChunk: number): BatchWrites & { getCheckpoint(name: string): number } {
  const s = prepareStoreconfigsStatements(raw, rowsPerChunk);
  return {
    getCheckpoint: (name) => (s.getCheckpoint.get(name) as number | undefined) ?? 0,
    getNode: (certname) => s.getNode.get(certname) as NodesTable | undefined,
    putNode: (node) => { s.putNode.run(node); },
    putProjectionFailure: (f, certname, type) => { s.putProjectionFailure.run(f.position, f.eventId, certname, type, f.reason); },
    setCheckpoint: (name, position) => { s.setCheckpoint.run(name, position); },
    factsOf: (certname) => new Map(s.factsOf.all(certname) as [string, string][]),
    deleteFact: (certname, name) => { s.deleteFact.run(certname, name); },
    upsertFacts: (rows) => s.upsertFacts.run(rows),
    replaceCatalog: (catalog, resources, edges) => {
      replaceCatalogRows(catalog.certname, resources, edges, s);
      s.putCatalog.run(catalog);
    },
    touchCatalog: (meta) => { s.touchCatalog.run(meta); },
    insertReport: (report, events) => {
      if (s.insertReport.run(report).changes === 0) return false;
      for (const row of events()) s.insertEvent.run(row);
      return true;
    },
    countReports: (certname) => s.countReports.get(certname) as number,
    pruneReports: (certname, keep) => {
      s.pruneEvents.run({ certname, keep });
      s.pruneReports.run({ certname, keep });
    },
    catalogInputsOf: (certname) => s.catalogInputsOf.get(certname) as { producer_timestamp: string; event_id: string } | undefined,
    putCatalogInputs: (...v) => { s.putCatalogInputs.run(...v); },
    putCompileFailure: (...v) => { s.putCompileFailure.run(...v); },
    putRequest: (...v) => { s.putRequest.run(...v); },
    requestTransaction: (eventId) => s.requestTransaction.get(eventId) as string | undefined,
    deleteRequest: (eventId) => { s.deleteRequest.run(eventId); },
    deleteRequestsOf: (certname) => { s.deleteRequestsOf.run(certname); },
    putEnvironment: (...v) => { s.putEnvironment.run(...v); },
  };
}
