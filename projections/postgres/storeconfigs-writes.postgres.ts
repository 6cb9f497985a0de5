import { unpackText } from '../../core/codec/packed-text.js';
import { sql, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { RecordedEvent } from '../../core/events/event.types.js';
import type { ProjectionFailure } from '../projection.types.js';
import { failureOf, UnappliableEvent } from '../storeconfigs/storeconfigs.batch.js';
import {
  NODE_COLUMNS, type CatalogsTable, type NodesTable, type ReportsTable, type ResourceEventsTable, type StoreconfigsSchema,
} from '../storeconfigs/storeconfigs.schema.js';
import type { BatchWrites, CatalogMeta, EdgeRow, FactRow, ResourceRow } from '../storeconfigs/storeconfigs.writes.js';

/** What a batch's handlers may read, fetched in a few queries before they run. */
export interface BatchSnapshot {
  readonly nodes: Map<string, NodesTable>;
  /** Facts of the nodes with facts in the batch. */
  readonly facts: Map<string, Map<string, string>>;
  /** Stored reports per node with reports in the batch. */
  readonly reportCounts: Map<string, number>;
  /** The batch's report event ids already stored. */
  readonly reportIds: Set<string>;
  readonly catalogInputs: Map<string, { producer_timestamp: string; event_id: string }>;
  /** Open requests the batch's compile outcomes answer. */
  readonly requests: Map<string, { certname: string; transaction_uuid: string }>;
}

type Trx = Kysely<StoreconfigsSchema> | Transaction<StoreconfigsSchema>;

/** `column` is one of `values` (one array parameter, however many values). */
const oneOf = (column: string, values: readonly string[]) => sql<boolean>`${sql.ref(column)} = any(${[...new Set(values)]}::text[])`;

/** Reads, in one query per table, what the handlers of `events` will ask. */
export async function fetchBatchSnapshot(trx: Trx, events: readonly RecordedEvent[]): Promise<BatchSnapshot> {
  const streams = (types: readonly string[]) => events.filter((e) => types.includes(e.type)).map((e) => String(e.stream));
  const certnames = events.map((e) => String(e.stream));
  const withFacts = streams(['facts_submitted']);
  const withReports = streams(['report_submitted']);
  const withInputs = streams(['catalog_inputs_submitted']);
  const reportIds = events.filter((e) => e.type === 'report_submitted').map((e) => String(e.id));
  const requestIds = events.flatMap((e) => (e.type === 'catalog_compiled' || e.type === 'compile_failed' ? e.data.requestIds : []));
  const [nodes, facts, counts, stored, inputs, requests] = await Promise.all([
    trx.selectFrom('nodes').selectAll().where(oneOf('certname', certnames)).execute(),
    withFacts.length === 0 ? [] : trx.selectFrom('facts').select(['certname', 'name', 'value']).where(oneOf('certname', withFacts)).execute(),
    withReports.length === 0 ? [] : trx.selectFrom('reports').select(['certname', sql<number>`count(*)`.as('n')])
      .where(oneOf('certname', withReports)).groupBy('certname').execute(),
    reportIds.length === 0 ? [] : trx.selectFrom('reports').select('event_id').where(oneOf('event_id', reportIds)).execute(),
    withInputs.length === 0 ? [] : trx.selectFrom('catalog_inputs').select(['certname', 'producer_timestamp', 'event_id'])
      .where(oneOf('certname', withInputs)).execute(),
    requestIds.length === 0 ? [] : trx.selectFrom('compile_requests').selectAll().where(oneOf('event_id', requestIds)).execute(),
  ]);
  const factsOf = new Map<string, Map<string, string>>(withFacts.map((c) => [c, new Map()]));
  for (const f of facts) factsOf.get(f.certname)!.set(f.name, f.value);
  return {
    nodes: new Map(nodes.map((n) => [n.certname, n])),
    facts: factsOf,
    reportCounts: new Map(counts.map((c) => [c.certname, Number(c.n)])),
    reportIds: new Set(stored.map((r) => r.event_id)),
    catalogInputs: new Map(inputs.map((i) => [i.certname, { producer_timestamp: i.producer_timestamp, event_id: i.event_id }])),
    requests: new Map(requests.map((r) => [r.event_id, { certname: r.certname, transaction_uuid: r.transaction_uuid }])),
  };
}

/** A queued write and the event it belongs to. */
interface QueuedWrite {
  readonly query: CompiledQuery;
  readonly event: RecordedEvent | undefined;
}

/**
 * The storeconfigs writes on PostgreSQL: reads answer from the batch's
 * snapshot, kept current with the batch's own writes; writes are compiled
 * and queued, then run in order by {@link flush} inside the batch's
 * transaction (a round trip per handler read would not do). A write the
 * server refuses for its data (SQLSTATE classes 22, 23: a NUL in text, a
 * value out of range) is blamed on its event; anything else fails the batch.
 */
export class PostgresBatchWrites implements BatchWrites {
  private readonly queue: QueuedWrite[] = [];
  private event: RecordedEvent | undefined;

  constructor(
    private readonly db: Kysely<StoreconfigsSchema>,
    private readonly snapshot: BatchSnapshot,
    private readonly rowsPerInsert: number,
  ) {}

  /** The event whose writes follow. */
  at(event: RecordedEvent): void {
    this.event = event;
  }

  /** Runs the queued writes in order; a data error becomes an UnappliableEvent of the write's event. */
  async flush(trx: Trx): Promise<void> {
    for (const w of this.queue) {
      try {
        await trx.executeQuery(w.query);
      } catch (e) {
        const code = String((e as { code?: unknown }).code ?? '');
        if (w.event && (code.startsWith('22') || code.startsWith('23'))) throw new UnappliableEvent(failureOf(w.event, e));
        throw e;
      }
    }
  }

  private push(query: { compile(): CompiledQuery }): void {
    this.queue.push({ query: query.compile(), event: this.event });
  }

  private chunks<T>(rows: readonly T[], write: (chunk: T[]) => { compile(): CompiledQuery }): void {
    for (let i = 0; i < rows.length; i += this.rowsPerInsert) this.push(write(rows.slice(i, i + this.rowsPerInsert)));
  }

  getNode(certname: string): NodesTable | undefined {
    return this.snapshot.nodes.get(certname);
  }

  putNode(node: NodesTable): void {
    this.snapshot.nodes.set(node.certname, node);
    this.push(this.db.insertInto('nodes').values({ ...node }).onConflict((oc) => oc.column('certname').doUpdateSet(
      Object.fromEntries(NODE_COLUMNS.filter((c) => c !== 'certname').map((c) => [c, sql.ref(`excluded.${c}`)])))));
  }

  putProjectionFailure(f: ProjectionFailure, certname: string, type: string): void {
    this.push(this.db.insertInto('projection_failures')
      .values({ position: f.position, event_id: f.eventId, certname, type, reason: f.reason })
      .onConflict((oc) => oc.column('position').doUpdateSet({
        event_id: sql.ref('excluded.event_id'), certname: sql.ref('excluded.certname'), type: sql.ref('excluded.type'), reason: sql.ref('excluded.reason'),
      })));
  }

  setCheckpoint(name: string, position: number): void {
    this.push(this.db.insertInto('checkpoint').values({ name, position })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position: sql.ref('excluded.position') })));
  }

  factsOf(certname: string): ReadonlyMap<string, string> {
    return this.factsMap(certname);
  }

  private factsMap(certname: string): Map<string, string> {
    let facts = this.snapshot.facts.get(certname);
    if (!facts) this.snapshot.facts.set(certname, (facts = new Map()));
    return facts;
  }

  deleteFact(certname: string, name: string): void {
    this.factsMap(certname).delete(name);
    this.push(this.db.deleteFrom('facts').where('certname', '=', certname).where('name', '=', name));
  }

  upsertFacts(rows: readonly FactRow[]): void {
    for (const [certname, name, value] of rows) this.factsMap(certname).set(name, value);
    this.chunks(rows, (chunk) => this.db.insertInto('facts').values(chunk.map(([certname, name, value]) => ({ certname, name, value })))
      .onConflict((oc) => oc.columns(['certname', 'name']).doUpdateSet({ value: sql.ref('excluded.value') })));
  }

  replaceCatalog(catalog: CatalogsTable, resources: readonly ResourceRow[], edges: readonly EdgeRow[]): void {
    const { certname } = catalog;
    this.push(this.db.deleteFrom('resources').where('certname', '=', certname));
    this.push(this.db.deleteFrom('edges').where('certname', '=', certname));
    // A multi-row upsert may not touch a row twice: duplicates collapse here, the last winning (SQLite's INSERT OR REPLACE).
    const unique = [...new Map(resources.map((r) => [`${r[1]}\u0000${r[2]}`, r])).values()];
    this.chunks(unique, (chunk) => this.db.insertInto('resources').values(chunk.map(([c, type, title, exported, tags, parameters, file, line, resource]) =>
      ({ certname: c, type, title, exported, tags, parameters, file, line, resource }))));
    this.chunks(edges, (chunk) => this.db.insertInto('edges').values(chunk.map(([c, st, sti, tt, tti, relationship]) =>
      ({ certname: c, source_type: st, source_title: sti, target_type: tt, target_title: tti, relationship }))).onConflict((oc) => oc.doNothing()));
    const { certname: _key, ...columns } = catalog;
    // The body column is text here: a body packed for SQLite (the log's deflated bytes) is stored as its JSON.
    this.push(this.db.insertInto('catalogs').values({ ...catalog, body: unpackText(catalog.body) }).onConflict((oc) => oc.column('certname').doUpdateSet(
      Object.fromEntries(Object.keys(columns).map((c) => [c, sql.ref(`excluded.${c}`)])))));
  }

  touchCatalog(meta: CatalogMeta): void {
    const { certname, ...columns } = meta;
    this.push(this.db.updateTable('catalogs').set(columns).where('certname', '=', certname));
  }

  insertReport(report: ReportsTable, events: () => Iterable<ResourceEventsTable>): boolean {
    if (this.snapshot.reportIds.has(report.event_id)) return false;
    this.snapshot.reportIds.add(report.event_id);
    this.snapshot.reportCounts.set(report.certname, this.countReports(report.certname) + 1);
    this.push(this.db.insertInto('reports').values(report));
    this.chunks([...events()], (chunk) => this.db.insertInto('resource_events').values(chunk));
    return true;
  }

  countReports(certname: string): number {
    return this.snapshot.reportCounts.get(certname) ?? 0;
  }

  pruneReports(certname: string, keep: number): void {
    const pruned = this.db.selectFrom('reports').select('event_id').where('certname', '=', certname)
      .orderBy('producer_ms', 'desc').orderBy('event_id', 'desc').offset(keep);
    // Events first: they name the reports the second statement deletes.
    this.push(this.db.deleteFrom('resource_events').where('report_id', 'in', pruned));
    this.push(this.db.deleteFrom('reports').where('certname', '=', certname).where('event_id', 'in', pruned));
    this.snapshot.reportCounts.set(certname, Math.min(keep, this.countReports(certname)));
  }

  catalogInputsOf(certname: string): { producer_timestamp: string; event_id: string } | undefined {
    return this.snapshot.catalogInputs.get(certname);
  }

  putCatalogInputs(certname: string, catalogUuid: string | null, producerTimestamp: string, eventId: string, inputs: string): void {
    this.snapshot.catalogInputs.set(certname, { producer_timestamp: producerTimestamp, event_id: eventId });
    this.push(this.db.insertInto('catalog_inputs')
      .values({ certname, catalog_uuid: catalogUuid, producer_timestamp: producerTimestamp, event_id: eventId, inputs })
      .onConflict((oc) => oc.column('certname').doUpdateSet({
        catalog_uuid: sql.ref('excluded.catalog_uuid'), producer_timestamp: sql.ref('excluded.producer_timestamp'),
        event_id: sql.ref('excluded.event_id'), inputs: sql.ref('excluded.inputs'),
      })));
  }

  putCompileFailure(certname: string, time: string, environment: string, compiler: string, error: string, eventId: string): void {
    this.push(this.db.insertInto('compile_failures').values({ certname, time, environment, compiler, error, event_id: eventId })
      .onConflict((oc) => oc.column('certname').doUpdateSet({
        time: sql.ref('excluded.time'), environment: sql.ref('excluded.environment'), compiler: sql.ref('excluded.compiler'),
        error: sql.ref('excluded.error'), event_id: sql.ref('excluded.event_id'),
      })));
  }

  putRequest(eventId: string, certname: string, transactionUuid: string): void {
    if (!this.snapshot.requests.has(eventId)) this.snapshot.requests.set(eventId, { certname, transaction_uuid: transactionUuid });
    this.push(this.db.insertInto('compile_requests').values({ event_id: eventId, certname, transaction_uuid: transactionUuid })
      .onConflict((oc) => oc.doNothing()));
  }

  requestTransaction(eventId: string): string | undefined {
    return this.snapshot.requests.get(eventId)?.transaction_uuid;
  }

  deleteRequest(eventId: string): void {
    this.snapshot.requests.delete(eventId);
    this.push(this.db.deleteFrom('compile_requests').where('event_id', '=', eventId));
  }

  deleteRequestsOf(certname: string): void {
    for (const [id, r] of this.snapshot.requests) if (r.certname === certname) this.snapshot.requests.delete(id);
    this.push(this.db.deleteFrom('compile_requests').where('certname', '=', certname));
  }

  putEnvironment(environment: string, codeId: string, deployedAt: string, eventId: string): void {
    this.push(this.db.insertInto('environments').values({ environment, code_id: codeId, deployed_at: deployedAt, event_id: eventId })
      .onConflict((oc) => oc.column('environment').doUpdateSet({
        code_id: sql.ref('excluded.code_id'), deployed_at: sql.ref('excluded.deployed_at'), event_id: sql.ref('excluded.event_id'),
      })));
  }
}
