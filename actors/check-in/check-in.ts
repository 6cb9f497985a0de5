import { randomUUID } from 'node:crypto';
import type { ValidationError } from '../../core/errors/troupe-error.js';
import type { TroupeEvent } from '../../core/events/event.types.js';
import type { Result } from '../../core/result.js';
import type { CatalogRequest } from '../../core/wire/catalog-request.decoder.js';
import type { AdmissionController } from '../admission/admission-controller.js';
import type { CompileAnswer, CompileWaiters } from '../compile/compile-waiters.js';

/** What a check-in needs: admission, the waiters, the log's append. */
export interface CheckInDeps {
  readonly admission: Pick<AdmissionController, 'reserve' | 'release' | 'pending' | 'retryAfterSeconds'>;
  readonly waiters: Pick<CompileWaiters, 'wait' | 'cancel'>;
  /** Appends durably, all or nothing. */
  append(events: readonly TroupeEvent[]): Promise<void>;
  /** How long an agent waits for its compile. */
  readonly timeoutMs: number;
  /** A node's class priority (config `priorityClasses`), asked before admission. @defaultValue 0 for every node */
  readonly priorityOf?: (certname: string) => number;
  /**
   * Told how long each admitted check-in took until its compile answered
   * (what a deployment's adaptive window steers by). @defaultValue nothing
   */
  readonly onAnswered?: (latencyMs: number) => void;
}

export interface CheckInCall {
  /**
   * Reads and decodes the request, called only once admission let it in
   * (so a refusal never reads the body). Throws only what the door cannot
   * read at all (too large, connection lost).
   */
  read(): Promise<Result<CatalogRequest, ValidationError>>;
  /** `$trusted` of the caller's certificate; overrides what the request carries. */
  readonly trusted?: Readonly<Record<string, unknown>> | null;
  /**
   * The node, when the door knows it before reading the body (the v3
   * path): a critical node is then admitted into the critical reserve.
   */
  readonly certname?: string;
}

export type CheckInOutcome =
  | { readonly status: 'refused'; readonly pending: number; readonly retryAfterSeconds: number }
  | { readonly status: 'invalid'; readonly error: ValidationError }
  | CompileAnswer;

export type CheckIn = (call: CheckInCall) => Promise<CheckInOutcome>;

/**
 * "Request a catalog and wait for it", the same for every door (v4, v3):
 * admission reserves a slot → the request is read and decoded → a waiter
 * is registered (before the append, so the answer cannot be missed) →
 * `facts_submitted` (when facts came) and `catalog_requested` are appended
 * in one call → the actor pipeline answers. The slot goes back whenever
 * the request does not reach the log.
 */
export function createCheckIn(deps: CheckInDeps): CheckIn {
  return async (call) => {
    const requestId = randomUUID();
    const priority = call.certname === undefined ? 0 : deps.priorityOf?.(call.certname) ?? 0;
    if (!deps.admission.reserve(requestId, priority)) {
      return { status: 'refused', pending: deps.admission.pending, retryAfterSeconds: deps.admission.retryAfterSeconds() };
    }
    const started = performance.now();
    let answer: Promise<CompileAnswer>;
    try {
      const decoded = await call.read();
      if (!decoded.ok) {
        deps.admission.release(requestId);
        return { status: 'invalid', error: decoded.error };
      }
      answer = deps.waiters.wait(requestId, deps.timeoutMs);
      await appendRequest(deps, decoded.value, requestId, call.trusted ?? decoded.value.trusted).catch((e: unknown) => {
        deps.waiters.cancel(requestId);
        throw e;
      });
    } catch (e) {
      deps.admission.release(requestId);
      throw e;
    }
    if (deps.onAnswered) void answer.then(() => deps.onAnswered!(performance.now() - started), () => undefined);
    return answer;
  };
}

/** The node's facts (when sent) and its compile request, in one append. */
function appendRequest(deps: CheckInDeps, request: CatalogRequest, requestId: string, trusted: CatalogRequest['trusted']): Promise<void> {
  const { certname: stream, environment, facts, priority, transactionUuid } = request;
  const now = new Date().toISOString();
  const meta = { source: 'http' as const, causationId: transactionUuid ?? requestId };
  const factsEvent: TroupeEvent[] = facts === null ? [] : [{
    type: 'facts_submitted', id: randomUUID(), stream, time: now, meta, data: { environment, producerTimestamp: now, producer: null, values: facts },
  }];
  return deps.append([...factsEvent, {
    type: 'catalog_requested', id: requestId, stream, time: now, meta,
    data: { environment, reason: 'agent', priority, transactionUuid, ...(trusted ? { trusted } : {}) },
  }]);
}
