import { catalogHash } from '../core/catalog/catalog-hash.js';
import type { CatalogBody, CatalogMetadata } from '../core/catalog/puppet-catalog.types.js';
import { toStoreCatalog } from '../core/catalog/store-catalog.js';
import type { EventOfType, EventType, RecordedEvent } from '../core/events/event.types.js';
import { instant, later, supersedes } from './producer-time.js';
import { reportEvents, reportExtras, reportHash } from './report-rows.js';
import { resourceHash } from './resource-hash.js';
import type { NodesTable } from './storeconfigs.schema.js';
import type { EdgeRow, FactRow, ResourceRow, StoreconfigsStatements } from './storeconfigs.statements.js';

/** What a handler may touch while its batch's transaction is open. */
export interface ApplyContext {
  readonly stmts: StoreconfigsStatements;
  /** Reports kept per node. */
  readonly reportRetention: number;
  /** The node's row as of this point in the batch, or a fresh one. */
  node(certname: string, position: number): NodesTable;
  /** Marks the row for writing at the end of the batch (derived columns recomputed then). */
  touch(node: NodesTable, position: number): void;
  /** The body of a catalog recorded in full by event `eventId` of `certname`; throws when the log does not have it. */
  catalogBody(eventId: string, certname: string): CatalogBody;
}

/** Applies one event of type `T` inside the batch's transaction. */
export type Handler<T extends EventType> = (event: RecordedEvent<EventOfType<T>>, ctx: ApplyContext) => void;

/** One handler per event type: a new event type fails to compile until it is decided here. */
export type StoreconfigsHandlers = { readonly [T in EventType]: Handler<T> };

/** PuppetDB's storeconfigs semantics, per event type (see docs/storeconfigs.md). */
export const STORECONFIGS_HANDLERS: StoreconfigsHandlers = {
  facts_submitted(e, ctx) {
    const node = ctx.node(e.stream, e.position);
    if (!supersedes(e.data.producerTimestamp, e.id, node.facts_timestamp, node.facts_event_id)) return;
    replaceFacts(e.stream, e.data.values, ctx.stmts);
    node.facts_environment = e.data.environment;
    node.facts_timestamp = e.data.producerTimestamp;
    node.facts_event_id = e.id;
    node.facts_producer = e.data.producer;
    ctx.touch(node, e.position);
  },
  catalog_submitted(e, ctx) {
    const d = e.data;
    // By reference, the body is read from the log only if this node's stored catalog differs.
    const body = d.bodyOf === undefined ? (): CatalogBody => d.catalog : (): CatalogBody => ctx.catalogBody(d.bodyOf, e.stream);
    storeCatalog(e, d.catalog, body, null, 'submitted', ctx, d.hash);
  },
  catalog_compiled(e, ctx) {
    const transactionUuid = answerRequests(e.data.requestIds, ctx.stmts);
    const store = toStoreCatalog(e.data.catalog, { producerTimestamp: e.time, producer: null, transactionUuid });
    // Compile outcomes come only from actors (the decoder refuses them from
    // outside), and actors hash with the same catalogHash: no need to redo it.
    storeCatalog(e, store, () => store, e.data.compiler, 'compiled', ctx, e.data.hash);
  },
  report_submitted(e, ctx) {
    const d = e.data;
    const stored = ctx.stmts.insertReport.run({
      event_id: e.id, hash: reportHash(e.id), certname: e.stream, position: e.position, environment: d.environment, status: d.status,
      noop: d.noop ? 1 : 0, configuration_version: d.configurationVersion, transaction_uuid: d.transactionUuid,
      catalog_uuid: d.catalogUuid, puppet_version: d.puppetVersion, start_time: d.startTime, end_time: d.endTime,
      producer_timestamp: d.producerTimestamp, producer_ms: finiteMs(d.producerTimestamp), receive_time: e.time,
      ...reportExtras(d.body), body: JSON.stringify(d.body),
    });
    if (stored.changes > 0) for (const row of reportEvents(e.id, e.stream, d.body)) ctx.stmts.insertEvent.run(row);
    if ((ctx.stmts.countReports.get(e.stream) as number) > ctx.reportRetention) {
      const keep = { certname: e.stream, keep: ctx.reportRetention };
      ctx.stmts.pruneEvents.run(keep);
      ctx.stmts.pruneReports.run(keep);
    }
    const node = ctx.node(e.stream, e.position);
    const newest = later(d.producerTimestamp, node.report_timestamp);
    if (newest !== node.report_timestamp) {
      node.report_timestamp = newest;
      node.report_environment = d.environment;
      ctx.touch(node, e.position);
    }
  },
  catalog_inputs_submitted(e, ctx) {
    const d = e.data;
    const stored = ctx.stmts.catalogInputsOf.get(e.stream) as { producer_timestamp: string; event_id: string } | undefined;
    if (!supersedes(d.producerTimestamp, e.id, stored?.producer_timestamp ?? null, stored?.event_id ?? null)) return;
    ctx.stmts.putCatalogInputs.run(e.stream, d.catalogUuid, d.producerTimestamp, e.id, JSON.stringify(d.inputs));
  },
  node_deactivated(e, ctx) {
    ctx.stmts.deleteRequestsOf.run(e.stream);
    const node = ctx.node(e.stream, e.position);
    const newest = later(e.data.producerTimestamp, node.last_deactivation);
    if (newest === node.last_deactivation) return;
    node.last_deactivation = newest;
    ctx.touch(node, e.position);
  },
  compile_failed(e, ctx) {
    // The newest failure per node, for `troupe nodes` and the status API.
    const d = e.data;
    answerRequests(d.requestIds, ctx.stmts);
    ctx.stmts.putCompileFailure.run(e.stream, e.time, d.environment, d.compiler, JSON.stringify(d.error), e.id);
  },
  code_deployed(e, ctx) {
    ctx.stmts.putEnvironment.run(e.data.environment, e.data.codeId, e.time, e.id);
  },
  // Kept only until answered, and only when it names the agent run's transaction.
  catalog_requested(e, ctx) {
    if (e.data.transactionUuid !== null) ctx.stmts.putRequest.run(e.id, e.stream, e.data.transactionUuid);
  },
  // Rejected commands stay in the log (`troupe events`); storeconfigs never held them.
  command_rejected() {},
  // An attempt without an outcome; the request is answered later (compiled or failed).
  compile_aborted() {},
  // A shadow check's finding: for the operator (`troupe events`, `/status`), not storeconfigs.
  compile_drift() {},
  // A deployment's plan and end: for the operator (`troupe events`, `/status`); its catalogs arrive as catalog_compiled.
  deployment_planned() {},
  deployment_finished() {},
  // Operator runs (`troupe run`): for the operator; the agents' reports arrive as report_submitted.
  run_requested() {},
  run_node_finished() {},
  run_finished() {},
};

/** Applies one event with the handler for its type. */
export function dispatch(event: RecordedEvent, ctx: ApplyContext): void {
  (STORECONFIGS_HANDLERS[event.type] as Handler<EventType>)(event as never, ctx);
}

/**
 * Recomputes the columns derived from the others: deactivated while the
 * newest deactivation is at or after every facts/catalog/report timestamp
 * (order-independent, unlike clearing a flag on arrival).
 */
export function deriveNode(node: NodesTable): void {
  node.environment = node.catalog_environment ?? node.facts_environment ?? node.report_environment;
  const activity = Math.max(instant(node.facts_timestamp), instant(node.catalog_timestamp), instant(node.report_timestamp));
  node.deactivated = node.last_deactivation !== null && instant(node.last_deactivation) >= activity
    ? node.last_deactivation
    : null;
}

/** Forgets the answered requests; returns the transaction uuid of the last one that had one. */
function answerRequests(requestIds: readonly string[], stmts: StoreconfigsStatements): string | null {
  let transactionUuid: string | null = null;
  for (const id of requestIds) {
    const t = stmts.requestTransaction.get(id) as string | undefined;
    if (t === undefined) continue;
    transactionUuid = t;
    stmts.deleteRequest.run(id);
  }
  return transactionUuid;
}

/** Replaces the node's facts by diffing top-level values: volatile facts rewrite a few rows, not all. */
function replaceFacts(certname: string, values: Readonly<Record<string, unknown>>, stmts: StoreconfigsStatements): void {
  const stored = new Map(stmts.factsOf.all(certname) as [string, string][]);
  const changed: FactRow[] = [];
  for (const name of Object.keys(values)) {
    const json = JSON.stringify(values[name]) ?? 'null';
    if (stored.get(name) !== json) changed.push([certname, name, json]);
    stored.delete(name);
  }
  for (const name of stored.keys()) stmts.deleteFact.run(certname, name);
  stmts.upsertFacts.run(changed);
}

function storeCatalog(
  e: RecordedEvent,
  catalog: CatalogMetadata,
  body: () => CatalogBody,
  compiler: string | null,
  source: 'compiled' | 'submitted',
  ctx: ApplyContext,
  knownHash?: string,
): void {
  const certname = e.stream;
  const node = ctx.node(certname, e.position);
  if (!supersedes(catalog.producerTimestamp, e.id, node.catalog_timestamp, node.catalog_event_id)) return;
  const hash = knownHash ?? catalogHash({ ...body(), environment: catalog.environment });
  const meta = {
    certname, version: catalog.version, code_id: catalog.codeId, catalog_uuid: catalog.catalogUuid,
    transaction_uuid: catalog.transactionUuid, environment: catalog.environment,
    producer_timestamp: catalog.producerTimestamp, producer: catalog.producer, compiler, source,
    event_id: e.id, position: e.position,
  };
  if (hash === node.catalog_hash) {
    // PuppetDB's duplicate-catalog path: same resources and edges, new metadata only.
    ctx.stmts.touchCatalog.run(meta);
  } else {
    const { resources, edges } = body();
    const s = ctx.stmts;
    s.deleteResources.run(certname);
    s.deleteEdges.run(certname);
    s.insertResources.run(resources.map((r): ResourceRow => {
      const tags = JSON.stringify(r.tags);
      const parameters = JSON.stringify(r.parameters ?? {});
      return [certname, r.type, r.title, r.exported ? 1 : 0, tags, parameters, r.file ?? null, r.line ?? null, resourceHash({ ...r, tags, parameters })];
    }));
    s.insertEdges.run(edges.map((x): EdgeRow => [
      certname, x.source.type, x.source.title, x.target.type, x.target.title, x.relationship,
    ]));
    s.putCatalog.run({ ...meta, hash, body: JSON.stringify({ resources, edges }) });
  }
  node.catalog_environment = catalog.environment;
  node.catalog_timestamp = catalog.producerTimestamp;
  node.catalog_event_id = e.id;
  node.catalog_hash = hash;
  ctx.touch(node, e.position);
}

const finiteMs = (ts: string): number => {
  const ms = instant(ts);
  return Number.isFinite(ms) ? ms : 0;
};
