import { createHash } from 'node:crypto';
import type { ErrorCode } from '../../../core/errors/troupe-error.js';
import { decodeTroupeEvent } from '../../../core/events/event.decoder.js';
import { futureTimestampReason } from '../../../core/events/producer-clock.js';
import { decodeBoundedJson } from '../../../core/wire/bounded-json.js';
import {
  REJECTED_STREAM, type CommandRejected, type EventMeta, type TroupeEvent,
} from '../../../core/events/event.types.js';
import { certname as readCertname } from '../../../core/schema/field-readers.js';
import { decodePdbCommand, keepsFloats } from '../../../core/wire/pdb-command.decoder.js';
import { senderRefusal, type StompSenderPolicy } from './stomp-sender-policy.js';

/** STOMP headers Troupe reads or writes, in one place. */
export const STOMP_HEADERS = {
  /** Producer-chosen event id; redeliveries and re-sends dedupe on it. */
  eventId: 'troupe-event-id',
  /** `true` when the body is one of Troupe's own events as JSON. */
  troupeEvent: 'troupe-event',
  command: 'command',
  version: 'version',
  certname: 'certname',
  errorCode: 'troupe-error-code',
  errorReason: 'troupe-error-reason',
  /** ActiveMQ message group: one consumer at a time sees a group, in order. */
  group: 'JMSXGroupID',
  /** The sender's login; RabbitMQ checks it against the connection's (`StompSenderPolicy`). */
  sender: 'user-id',
} as const;

/** `content-type` that marks a body as a Troupe event (alternative to the header). */
export const TROUPE_EVENT_CONTENT_TYPE = 'application/vnd.troupe.event+json';

/** How many characters of a rejected body the `command_rejected` event keeps. */
export const REJECTED_EXCERPT_CHARS = 512;

export interface DecodeOptions {
  /**
   * Whether the broker's `message-id` stays the same when it redelivers a
   * message (see {@link brokerKeepsMessageIds}). @defaultValue true
   */
  readonly messageIdsStable?: boolean;
  /**
   * Producer timestamps further ahead of the server's clock are rejected
   * (see {@link futureTimestampReason}). @defaultValue 300
   */
  readonly maxClockSkewSeconds?: number;
  /** Who may send what, by the sender the broker vouches for. @defaultValue none: any sender, any command */
  readonly senders?: StompSenderPolicy;
}

/**
 * Whether a broker, named by its CONNECTED frame's `server` header, keeps
 * a message's `message-id` across redeliveries. ActiveMQ does. RabbitMQ
 * does not: its `message-id` names the delivery within one session
 * (`T_sub-0@@session-…@@1`), so a message redelivered after a crash would
 * look like a new one.
 */
export function brokerKeepsMessageIds(server: string | undefined): boolean {
  return !server?.startsWith('RabbitMQ/');
}

/**
 * The event id of a command without `troupe-event-id` on a broker whose
 * `message-id` changes on redelivery: a SHA-256 of its command headers and
 * body. A PuppetDB command carries its `producer_timestamp`, so two
 * submissions differ; a byte-identical re-send is the same command.
 */
export function contentEventId(headers: Readonly<Record<string, string>>, body: string): string {
  const h = createHash('sha256');
  for (const name of [STOMP_HEADERS.command, STOMP_HEADERS.version, STOMP_HEADERS.certname]) h.update(`${headers[name] ?? ''}\n`);
  return `sha256:${h.update(body).digest('hex')}`;
}

/** What ingestion does with one message: append its event, or reject it. */
export type IngestDecision =
  | { readonly type: 'accept'; readonly event: TroupeEvent }
  | {
    readonly type: 'reject';
    /** The `command_rejected` event to append, keyed by the message's id. */
    readonly event: CommandRejected;
    readonly code: ErrorCode;
    readonly reason: string;
  };

/**
 * Turns one STOMP message into the event it becomes. Three body forms:
 *
 * 1. PuppetDB wire format: headers `command` and `version` (and optionally
 *    `certname`), body = the command's JSON payload.
 * 2. Envelope: body `{"command", "version", "certname"?, "payload"}`.
 * 3. A Troupe event as JSON (header `troupe-event: true` or content-type
 *    `application/vnd.troupe.event+json`); only submittable types; its own
 *    `id` is the event id.
 *
 * For 1 and 2 the event id is the `troupe-event-id` header, else the
 * broker's `message-id` when the broker keeps it across redeliveries
 * (ActiveMQ does), else a digest of the command headers and body (see
 * {@link contentEventId}). Anything else becomes a `reject` decision; this
 * function never throws on bad input.
 */
export function decodeStompCommand(
  headers: Readonly<Record<string, string>>, body: string, now: Date, options: DecodeOptions = {},
): IngestDecision {
  const messageId = headers['message-id'] ?? '';
  const id = headers[STOMP_HEADERS.eventId] || ((options.messageIdsStable ?? true) ? messageId : contentEventId(headers, body));
  const meta: EventMeta = { source: 'stomp', ...(messageId ? { causationId: messageId } : {}) };
  let command: string | null = headers[STOMP_HEADERS.command] ?? null;
  let certname: string | null = headers[STOMP_HEADERS.certname] ?? null;
  const reject = (reason: string, payload: unknown = undefined, code: ErrorCode = 'invalid_input'): IngestDecision => {
    const stream = validCertname(certname) ?? validCertname(certnameOf(payload)) ?? REJECTED_STREAM;
    return {
      type: 'reject', code, reason,
      event: {
        type: 'command_rejected', id, stream, time: now.toISOString(), meta,
        data: { reason, command, excerpt: body.slice(0, REJECTED_EXCERPT_CHARS) },
      },
    };
  };
  if (!id) return reject('message has neither a troupe-event-id nor a message-id header');

  // With the command in a header, facts and catalogs keep their Floats; an envelope's command is only known after parsing.
  const parsed = decodeBoundedJson(body, { keepFloats: keepsFloats(command) });
  if (!parsed.ok) return reject(`body ${parsed.error.message}`);
  const json = parsed.value;
  // `node`: the certname a PuppetDB command is for; null for a Troupe event.
  const accept = (event: TroupeEvent, node: string | null): IngestDecision => {
    const refused = options.senders ? senderRefusal(headers, node, options.senders) : null;
    if (refused) return reject(refused, json, 'forbidden');
    const future = futureTimestampReason(event, now.getTime(), options.maxClockSkewSeconds ?? 300);
    return future ? reject(future, json) : { type: 'accept', event };
  };

  if (headers[STOMP_HEADERS.troupeEvent] === 'true' || headers['content-type']?.startsWith(TROUPE_EVENT_CONTENT_TYPE)) {
    const r = decodeTroupeEvent(json, 'stomp');
    if (!r.ok) return reject(`invalid Troupe event: ${r.error.message}`, json);
    return accept(r.value, null);
  }

  let version: unknown = headers[STOMP_HEADERS.version];
  let payload: unknown = json;
  if (command === null) {
    if (typeof json !== 'object' || json === null || !('command' in json) || !('payload' in json)) {
      return reject('neither a `command` header nor a {command, version, payload} envelope', json);
    }
    const env = json as Record<string, unknown>;
    if (typeof env['command'] !== 'string') return reject('command: expected a string', env['payload']);
    command = env['command'];
    version = env['version'];
    payload = env['payload'];
    if (env['certname'] !== undefined && env['certname'] !== null) {
      if (typeof env['certname'] !== 'string') return reject('certname: expected a string', payload);
      certname = env['certname'];
    }
  }
  const v = typeof version === 'number' ? version : typeof version === 'string' && version !== '' ? Number(version) : NaN;
  if (!Number.isInteger(v)) return reject(`version: expected an integer, got ${JSON.stringify(version ?? null)}`, payload);
  const r = decodePdbCommand({ command, version: v, certname, body: payload }, { id, now: now.toISOString(), meta });
  if (!r.ok) return reject(r.error.message, payload);
  return accept(r.value, r.value.stream);
}

function certnameOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)['certname'] : undefined;
}

function validCertname(value: unknown): string | null {
  try {
    return readCertname(value, 'certname');
  } catch {
    return null;
  }
}
