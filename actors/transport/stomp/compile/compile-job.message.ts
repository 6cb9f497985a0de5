import { encodeCompileJob, type CompileJob } from '../../../../core/wire/compile-job.codec.js';
import { STOMP_HEADERS } from '../stomp-command.decoder.js';
import type { OutgoingMessage } from '../stomp-connection.js';

/** The queue every instance publishes compile jobs to and consumes them from. */
export const COMPILE_QUEUE = '/queue/troupe.compile';
/** Marks a compile job's body (a consumer reads only these). */
export const COMPILE_JOB_CONTENT_TYPE = 'application/vnd.troupe.compile-job+json';
/** The job id, repeated as a header for operators browsing the queue or the dead letters. */
export const JOB_ID_HEADER = 'troupe-job-id';

/**
 * The broker priority (JMS 0–9) of a compile priority: background work
 * (deployments', dependencies' recompiles, below 0) 0, a request's own
 * 1 + its class (normal 1, `high` 7, `critical` 9). The broker honours it
 * only where the queue has `prioritizedMessages` (docs/operations.md);
 * the consumer's pool orders by the exact priority the job carries anyway.
 */
export function brokerPriority(priority: number): number {
  return priority < 0 ? 0 : Math.min(9, 1 + Math.floor(priority));
}

/**
 * A compile job as sent: persistent, grouped by node (`JMSXGroupID`, so
 * one consumer at a time compiles a node and its compiler's caches stay
 * warm), prioritised, and expiring `ttlMs` after `now` — past it no agent
 * waits for it any more, and the publisher records the failure itself.
 */
export function compileJobMessage(job: CompileJob, o: { readonly destination: string; readonly ttlMs: number; readonly now: number }): OutgoingMessage {
  return {
    destination: o.destination,
    headers: {
      persistent: 'true',
      'content-type': COMPILE_JOB_CONTENT_TYPE,
      [STOMP_HEADERS.group]: job.certname,
      [STOMP_HEADERS.certname]: job.certname,
      [JOB_ID_HEADER]: job.id,
      priority: String(brokerPriority(job.priority)),
      expires: String(o.now + o.ttlMs),
    },
    body: encodeCompileJob(job),
  };
}
