import { STOMP_HEADERS } from './stomp-command.decoder.js';
import type { OutgoingMessage } from './stomp-connection.js';

/** The header that marks a message on a node's destination as a "run now" request, not a catalog. */
export const RUN_HEADERS = {
  /** `run`: apply the catalog you have now. */
  action: 'troupe-action',
  /** The run's id; the agent's report carries it as `job_id`. */
  runId: 'troupe-run-id',
} as const;

/**
 * "Apply your current catalog now" for one node (`troupe run`): on the
 * node's own destination, so the broker's ACL that lets an agent read only
 * its destination covers it; expires with the run's timeout, so an agent
 * that was away does not run long after the operator stopped waiting.
 */
export function runMessage(certname: string, runId: string, ttlMs: number, destinationPrefix: string, now: number): OutgoingMessage {
  return {
    destination: `${destinationPrefix}${certname}`,
    headers: {
      persistent: 'true',
      expires: String(now + ttlMs),
      'content-type': 'application/json',
      [STOMP_HEADERS.group]: certname,
      [STOMP_HEADERS.certname]: certname,
      [STOMP_HEADERS.eventId]: `run:${runId}`,
      [RUN_HEADERS.action]: 'run',
      [RUN_HEADERS.runId]: runId,
    },
    body: JSON.stringify({ action: 'run', runId }),
  };
}
