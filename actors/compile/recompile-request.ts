import { randomUUID } from 'node:crypto';
import type { CatalogRequested, CompileReason } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';
import type { AdmissionController } from '../admission/admission-controller.js';

/** A recompile Troupe asks for by itself (a deployment's, a dependency's). */
export interface Recompile {
  readonly certname: string;
  readonly environment: string;
  readonly reason: CompileReason;
  readonly priority: number;
  /** The event that caused it (the deployment, the exporter's catalog). */
  readonly causationId: string;
  /** For a dependency recompile: the exporter. */
  readonly from?: string;
}

export interface RecompileDeps {
  readonly log: Pick<EventLog, 'append'>;
  readonly admission: Pick<AdmissionController, 'reserve' | 'release'>;
}

/** Reserves admission for `r` and makes its request event; null when admission has no room. */
function reserveRecompile(deps: RecompileDeps, r: Recompile): CatalogRequested | null {
  const id = randomUUID();
  if (!deps.admission.reserve(id)) return null;
  return {
    type: 'catalog_requested', id, stream: r.certname, time: new Date().toISOString(),
    meta: { source: 'actor', causationId: r.causationId },
    data: { environment: r.environment, reason: r.reason, priority: r.priority, transactionUuid: null, ...(r.from === undefined ? {} : { from: r.from }) },
  };
}

/**
 * Appends one background recompile through admission, as an agent's
 * request would go: null when admission has no room (nothing appended),
 * else the request's id. `reserved` runs between the reservation and the
 * append, so an answer arriving meanwhile is already expected. A failed
 * append gives the reservation back and throws.
 */
export async function appendRecompile(deps: RecompileDeps, r: Recompile, reserved?: (requestId: string) => void): Promise<string | null> {
  const event = reserveRecompile(deps, r);
  if (event === null) return null;
  reserved?.(event.id);
  try {
    await deps.log.append([{ event }]);
  } catch (e) {
    deps.admission.release(event.id);
    throw e;
  }
  return event.id;
}

/** Nodes a feeder recompiles, and its bookkeeping of their requests (a deployment's or a rollout step's progress). */
export interface RecompileSource {
  /** The next node, or undefined when none is at hand now. */
  next(): string | undefined;
  /** A node taken but not requested: it goes first next time. */
  putBack(certname: string): void;
  requested(requestId: string): void;
  /** A request that never reached the log. */
  unrequested(requestId: string, certname: string): void;
}

/** Requests one log append carries at most. */
const MAX_BATCH = 256;

/**
 * Takes nodes from `source` while `room()` holds, reserves admission for
 * each and appends all their requests in one log append, so one group
 * commit carries them: a feeder's recompiles reach the log as fast as its
 * window and admission allow, not one fsync after another. `refused` when
 * admission had no room for the next. A failed append gives every
 * reservation back, returns the nodes to the source in order, and throws.
 */
export async function appendRecompileBatch(
  deps: RecompileDeps, source: RecompileSource, room: () => boolean, recompile: (certname: string) => Recompile,
): Promise<{ readonly appended: number; readonly refused: boolean }> {
  const taken: CatalogRequested[] = [];
  let refused = false;
  while (taken.length < MAX_BATCH && room()) {
    const certname = source.next();
    if (certname === undefined) break;
    const event = reserveRecompile(deps, recompile(certname));
    if (event === null) {
      source.putBack(certname);
      refused = true;
      break;
    }
    source.requested(event.id);
    taken.push(event);
  }
  if (taken.length === 0) return { appended: 0, refused };
  try {
    await deps.log.append(taken.map((event) => ({ event })));
  } catch (e) {
    for (const event of taken.reverse()) {
      deps.admission.release(event.id);
      source.unrequested(event.id, event.stream);
    }
    throw e;
  }
  return { appended: taken.length, refused };
}
