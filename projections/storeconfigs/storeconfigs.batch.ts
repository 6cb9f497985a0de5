import type { RecordedEvent } from '../../core/events/event.types.js';
import type { CatalogBodyLookup } from '../../core/log/catalog-references.js';
import type { ApplyOutcome, ProjectionFailure } from '../projection.types.js';
import { deriveNode, dispatch, type ApplyContext } from './storeconfigs.handlers.js';
import type { NodesTable } from './storeconfigs.schema.js';
import type { BatchWrites } from './storeconfigs.writes.js';

/** Thrown inside the batch's transaction, which rolls it back, to apply the batch again without this event. */
export class UnappliableEvent extends Error {
  constructor(readonly failure: ProjectionFailure) {
    super(failure.reason);
  }
}

/** How one pass over a batch runs (the same on every backend). */
export interface BatchPass {
  readonly name: string;
  /** The checkpoint as stored when the transaction began. */
  readonly start: number;
  readonly store: BatchWrites;
  readonly reportRetention: number;
  readonly catalogBodies: CatalogBodyLookup | undefined;
  /** Events left out of this pass, recorded as failures instead. */
  readonly failed: ReadonlyMap<number, ProjectionFailure>;
  /** Whether an error a handler threw is about the database rather than the event (it then fails the batch). */
  readonly isDatabaseError: (e: unknown) => boolean;
  /** Told which event the writes that follow belong to (PostgreSQL attributes a failed write to its event). @defaultValue none */
  readonly onEvent?: (event: RecordedEvent) => void;
}

/**
 * One pass of a batch inside its transaction: the handlers of the events
 * above the checkpoint (the failed ones recorded instead), then the
 * touched nodes' rows and the checkpoint. An event whose handler throws
 * becomes an {@link UnappliableEvent}.
 */
export function applyBatchPass(events: readonly RecordedEvent[], pass: BatchPass): ApplyOutcome {
  const { store } = pass;
  let position = pass.start;
  const nodes = new Map<string, NodesTable>();
  const dirty = new Set<NodesTable>();
  const ctx: ApplyContext = {
    store,
    reportRetention: pass.reportRetention,
    node: (certname, at) => {
      let n = nodes.get(certname);
      if (!n) {
        n = store.getNode(certname) ?? emptyNode(certname, at);
        nodes.set(certname, n);
      }
      return n;
    },
    touch: (node, at) => {
      node.updated_position = at;
      dirty.add(node);
    },
    catalogBody: (eventId, certname) => {
      const body = pass.catalogBodies?.(eventId, certname);
      if (!body) throw new Error(`the catalog it refers to (event ${eventId} of ${certname}) is not in the log`);
      return body;
    },
  };
  let applied = 0;
  const recorded: ProjectionFailure[] = [];
  for (const event of events) {
    if (event.position <= position) continue;
    pass.onEvent?.(event);
    const failure = pass.failed.get(event.position);
    if (failure) {
      store.putProjectionFailure(failure, String(event.stream), String(event.type));
      recorded.push(failure);
    } else {
      applyOne(event, ctx, pass.isDatabaseError);
      applied++;
    }
    position = event.position;
  }
  for (const node of dirty) {
    deriveNode(node);
    store.putNode(node);
  }
  if (position > pass.start) store.setCheckpoint(pass.name, position);
  return { applied, skipped: events.length - applied - recorded.length, failed: recorded, position };
}

/** Dispatches one event; an error caused by its data becomes an UnappliableEvent. */
function applyOne(event: RecordedEvent, ctx: ApplyContext, isDatabaseError: (e: unknown) => boolean): void {
  try {
    dispatch(event, ctx);
  } catch (e) {
    if (isDatabaseError(e)) throw e;
    throw new UnappliableEvent(failureOf(event, e));
  }
}

export const failureOf = (event: RecordedEvent, e: unknown): ProjectionFailure =>
  ({ position: event.position, eventId: String(event.id), reason: String((e as Error)?.message ?? e) });

/** The batch in ascending positions (out of order, a lower position after a higher one would be skipped as applied). */
export function ascending(batch: readonly RecordedEvent[]): readonly RecordedEvent[] {
  for (let i = 1; i < batch.length; i++) if (batch[i]!.position < batch[i - 1]!.position) return [...batch].sort((a, b) => a.position - b.position);
  return batch;
}

function emptyNode(certname: string, position: number): NodesTable {
  return {
    certname, environment: null,
    facts_environment: null, facts_timestamp: null, facts_event_id: null, facts_producer: null,
    catalog_environment: null, catalog_timestamp: null, catalog_event_id: null, catalog_hash: null,
    report_environment: null, report_timestamp: null,
    last_deactivation: null, deactivated: null, updated_position: position,
  };
}
