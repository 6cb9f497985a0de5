import type { IMessage } from '@stomp/stompjs';
import type { ErrorCode } from '../../../core/errors/troupe-error.js';
import { STOMP_HEADERS } from './stomp-command.decoder.js';
import type { OutgoingMessage } from './stomp-connection.js';

/** Why a message goes to the dead-letter queue: a stable code and a reason a person can read. */
export interface DeadLetterReason {
  readonly code: ErrorCode;
  readonly reason: string;
}

/**
 * A poison message as the dead-letter queue keeps it (the conventions of
 * docs/operations.md, "Dead letters"): the original body, the headers in
 * `keep` it had, where it came from, and why — `troupe-error-code` and
 * `troupe-error-reason`. `extra` adds headers (the event id it was given).
 */
export function deadLetterMessage(
  m: IMessage, why: DeadLetterReason,
  to: { readonly destination: string; readonly from: string; readonly keep: readonly string[]; readonly extra?: Readonly<Record<string, string>> },
): OutgoingMessage {
  const kept: Record<string, string> = {};
  for (const k of to.keep) {
    const v = m.headers[k];
    if (v !== undefined) kept[k] = v;
  }
  return {
    destination: to.destination,
    headers: {
      ...kept,
      ...to.extra,
      persistent: 'true',
      'troupe-original-destination': m.headers['destination'] ?? to.from,
      [STOMP_HEADERS.errorCode]: why.code,
      [STOMP_HEADERS.errorReason]: headerSafe(why.reason),
    },
    body: m.body,
  };
}

/** STOMP 1.2 escapes \n and : itself; keep reasons short and on one line. */
function headerSafe(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').slice(0, 1000);
}
