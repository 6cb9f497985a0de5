import { catalogHash } from '../../core/catalog/catalog-hash.js';
import type { CatalogBody, CatalogMetadata } from '../../core/catalog/puppet-catalog.types.js';
import { toStoreCatalog } from '../../core/catalog/store-catalog.js';
import { packText, type PackedText } from '../../core/codec/packed-text.js';
import type { EventOfType, EventType, RecordedEvent } from '../../core/events/event.types.js';
import { packedDataOf } from '../../core/log/log-row.js';
import { edgeRow, resourceRow } from '../rows/catalog-rows.js';
import { instant, later, supersedes } from './producer-time.js';
import { reportEvents, reportExtras, reportHash } from '../rows/report-rows.js';
import type { NodesTable } from './storeconfigs.schema.js';
import type { FactRow, StoreconfigsWrites } from './storeconfigs.writes.js';
import { writeJson } from '../../core/json/json-float.js';
import { stringifyData } from '../../core/catalog/catalog-text.js';

/** What a handler may touch while its batch's transaction is open. */
export interface ApplyContext {
  readonly store: StoreconfigsWrites;
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
    replaceFacts(e.stream, e.data.values, ctx.store);
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
    // A full catalog's body is its event data packed as the log packs it: read from the log, the log's own bytes
    // (no second serialization and deflate); otherwise serialized to the same bytes.
    const stored = d.bodyOf === undefined ? (): PackedText => packedDataOf(d) ?? packText(stringifyData(d)) : undefined;
    storeCatalog(e, d.catalog, body, null, 'submitted', ctx, d.hash, stored);
  },
  catalog_compiled(e, ctx) {
    const transactionUuid = answerRequests(e.data.requestIds, ctx.store);
    const store = toStoreCatalog(e.data.catalog, { producerTimestamp: e.time, producer: null, transactionUuid });
    // Compile outcomes come only from actors (the decoder refuses them from
    // outside), and actors hash with the same catalogHash: no need to redo it.
    storeCatalog(e, store, () => store, e.data.compiler, 'compiled', ctx, e.data.hash);
  },
  report_submitted(e, ctx) {
    const d = e.data;
    ctx.store.insertReport({
      event_id: e.id, hash: reportHash(e.id), certname: e.stream, position: e.position, environment: d.environment, status: d.status,
      noop: d.noop ? 1 : 0, configuration_version: d.configurationVersion, transaction_uuid: d.transactionUuid,
      catalog_uuid: d.catalogUuid, puppet_version: d.puppetVersion, start_time: d.startTime, end_time: d.endTime,
      producer_timestamp: d.producerTimestamp, producer_ms: finiteMs(d.producerTimestamp), receive_time: e.time,
      ...reportExtras(d.body), body: JSON.stringify(d.body),
    }, () => reportEvents(e.id, e.stream, d.body));
    if (ctx.store.countReports(e.stream) > ctx.reportRetention) ctx.store.pruneReports(e.stream, ctx.reportRetention);
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
    const stored = ctx.store.catalogInputsOf(e.stream);
    if (!supersedes(d.producerTimestamp, e.id, stored?.producer_timestamp ?? null, stored?.event_id ?? null)) return;
    ctx.store.putCatalogInputs(e.stream, d.catalogUuid, d.producerTimestamp, e.id, JSON.stringify(d.inputs));
  },
  node_deactivated(e, ctx) {
    ctx.store.deleteRequestsOf(e.stream);
    const node = ctx.node(e.stream, e.position);
    const newest = later(e.data.producerTimestamp, node.last_deactivation);
    if (newest === node.last_deactivation) return;
    node.last_deactivation = newest;
    ctx.touch(node, e.position);
  },
  compile_failed(e, ctx) {
    // The newest failure per node, for `troupe nodes` and the status API.
    const d = e.data;
    answerRequests(d.requestIds, ctx.store);
    ctx.store.putCompileFailure(e.stream, e.time, d.environment, d.compiler, JSON.stringify(d.error), e.id);
  },
  code_deployed(e, ctx) {
    ctx.store.putEnvironment(e.data.environment, e.data.codeId, e.time, e.id);
  },
  // Kept only until answered, and only when it names the agent run's transaction.
  catalog_requested(e, ctx) {
    if (e.data.transactionUuid !== null) ctx.store.putRequest(e.id, e.stream, e.data.transactionUuid);
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
  // Staged rollouts: for the operator; the rollout feeder rebuilds its state from them, the catalogs arrive as catalog_compiled.
  rollout_started() {},
  rollout_wave_started() {},
  rollout_paused() {},
  rollout_resumed() {},
  rollout_promoted() {},
  rollout_aborted() {},
  rollout_finished() {},
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
function answerRequests(requestIds: readonly string[], store: StoreconfigsWrites): string | null {
  let transactionUuid: string | null = null;
  for (const id of requestIds) {
    const t = store.requestTransaction(id);
    if (t === undefined) continue;
    transactionUuid = t;
    store.deleteRequest(id);
  }
  return transactionUuid;
}

/** Replaces the node's facts by diffing top-level values: volatile facts rewrite a few rows, not all. */
function replaceFacts(certname: string, values: Readonly<Record<string, unknown>>, store: StoreconfigsWrites): void {
  const stored = new Map(store.factsOf(certname));
  const changed: FactRow[] = [];
  for (const name of Object.keys(values)) {
    const json = writeJson(values[name]) ?? 'null';
    if (stored.get(name) !== json) changed.push([certname, name, json]);
    stored.delete(name);
  }
  for (const name of stored.keys()) store.deleteFact(certname, name);
  store.upsertFacts(changed);
}

function storeCatalog(
  e: RecordedEvent,
  catalog: CatalogMetadata,
  body: () => CatalogBody,
  compiler: string | null,
  source: 'compiled' | 'submitted',
  ctx: ApplyContext,
  knownHash?: string,
  /** The body to store, packed, when not `{resources, edges}` (`storedCatalogBody` reads either form). */
  storedBody?: () => PackedText,
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
    ctx.store.touchCatalog(meta);
  } else {
    const { resources, edges } = body();
    ctx.store.replaceCatalog({ ...meta, hash, body: storedBody ? storedBody() : packText(writeJson({ resources, edges })) },
      resources.map((r) => resourceRow(certname, r)), edges.map((x) => edgeRow(certname, x)));
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
