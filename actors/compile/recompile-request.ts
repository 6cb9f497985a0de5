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

/**
 * Appends one background recompile through admission, as an agent's
 * request would go: null when admission has no room (nothing appended),
 * else the request's id. `reserved` runs between the reservation and the
 * append, so an answer arriving meanwhile is already expected. A failed
 * append gives the reservation back and throws.
 */
export async function appendRecompile(deps: RecompileDeps, r: Recompile, reserved?: (requestId: string) => void): Promise<string | null> {
  const id = randomUUID();
  if (!deps.admission.reserve(id)) return null;
  reserved?.(id);
  const event: CatalogRequested = {
    type: 'catalog_requested', id, stream: r.certname, time: new Date().toISOString(),
    meta: { source: 'actor', causationId: r.causationId },
    data: { environment: r.environment, reason: r.reason, priority: r.priority, transactionUuid: null, ...(r.from === undefined ? {} : { from: r.from }) },
  };
  try {
    await deps.log.append([{ event }]);
  } catch (e) {
    deps.admission.release(id);
    throw e;
  }
  return id;
}
