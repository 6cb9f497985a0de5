import type { ProjectionFailure } from '../projection.types.js';
import type { CatalogsTable, NodesTable, ReportsTable, ResourceEventsTable } from './storeconfigs.schema.js';

/** Values of one `resources` row, in insert order. */
export type ResourceRow = readonly [
  certname: string, type: string, title: string, exported: number,
  tags: string, parameters: string, file: string | null, line: number | null,
  /** PuppetDB's resource hash of the columns before it (resourceHash), stored so queries need not compute it. */
  resource: string,
];
/** Values of one `edges` row, in insert order. */
export type EdgeRow = readonly [
  certname: string, sourceType: string, sourceTitle: string, targetType: string, targetTitle: string, relationship: string,
];
/** Values of one `facts` row, in insert order. */
export type FactRow = readonly [certname: string, name: string, value: string];

/** The catalog columns a duplicate catalog (same hash) rewrites. */
export type CatalogMeta = Omit<CatalogsTable, 'hash' | 'body'>;

/**
 * What the storeconfigs handlers read and write while their batch's
 * transaction is open: the port between PuppetDB's semantics
 * (storeconfigs.handlers.ts) and a backend. Synchronous: SQLite runs its
 * prepared statements at once; PostgreSQL answers reads from what it
 * fetched for the batch and queues the writes for the batch's transaction
 * (projections/postgres/storeconfigs-writes.postgres.ts).
 */
export interface StoreconfigsWrites {
  /** The node's stored facts: name → value as JSON. */
  factsOf(certname: string): ReadonlyMap<string, string>;
  deleteFact(certname: string, name: string): void;
  /** Inserts or replaces facts (by certname and name). */
  upsertFacts(rows: readonly FactRow[]): void;
  /** Replaces the node's catalog with its resources and edges (duplicate resources: the last wins; duplicate edges collapse). */
  replaceCatalog(catalog: CatalogsTable, resources: readonly ResourceRow[], edges: readonly EdgeRow[]): void;
  /** Rewrites the metadata of the node's stored catalog (PuppetDB's duplicate-catalog path). */
  touchCatalog(meta: CatalogMeta): void;
  /** Stores the report and its events unless a report with its event id is stored; whether it stored it. */
  insertReport(report: ReportsTable, events: () => Iterable<ResourceEventsTable>): boolean;
  countReports(certname: string): number;
  /** Keeps the node's newest `keep` reports (producer time, ties: greater event id), deleting the others with their events. */
  pruneReports(certname: string, keep: number): void;
  catalogInputsOf(certname: string): { readonly producer_timestamp: string; readonly event_id: string } | undefined;
  putCatalogInputs(certname: string, catalogUuid: string | null, producerTimestamp: string, eventId: string, inputs: string): void;
  putCompileFailure(certname: string, time: string, environment: string, compiler: string, error: string, eventId: string): void;
  /** Records an open request unless its id is recorded. */
  putRequest(eventId: string, certname: string, transactionUuid: string): void;
  requestTransaction(eventId: string): string | undefined;
  deleteRequest(eventId: string): void;
  deleteRequestsOf(certname: string): void;
  putEnvironment(environment: string, codeId: string, deployedAt: string, eventId: string): void;
}

/** What the batch itself reads and writes around the handlers. */
export interface BatchWrites extends StoreconfigsWrites {
  getNode(certname: string): NodesTable | undefined;
  putNode(node: NodesTable): void;
  putProjectionFailure(failure: ProjectionFailure, certname: string, type: string): void;
  setCheckpoint(name: string, position: number): void;
}
