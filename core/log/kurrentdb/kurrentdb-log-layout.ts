import { createHash } from 'node:crypto';
import { binaryEvent, jsonEvent, type EventData, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import { TroupeError } from '../../errors/troupe-error.js';
import type { RecordedEvent } from '../../events/event.types.js';
import type { Stored } from '../append-plan.js';
import type { LogRow } from '../log-writer.js';
import { toRecordedEvent } from '../log-row.js';

/**
 * How the Troupe log lies in KurrentDB streams (docs/kurrentdb.md):
 *
 * - `<prefix>log`: every event, in position order; revision r is position
 *   r + 1. Appending with the expected revision = head - 1 makes the
 *   positions gap-free and unique across writers.
 * - `<prefix>node-<stream>`: one link event (`$>`, "r@<prefix>log") per
 *   event of a Troupe stream; its revision r is version r + 1, so the
 *   stream's optimistic concurrency is KurrentDB's own.
 * - `<prefix>id-<event id>`: one marker per event id ({position, version}),
 *   appended with NO_STREAM: a redelivered id cannot be stored twice, by
 *   any writer, and its original position is one read away.
 *
 * All three are written by one multiStreamAppend: all or nothing.
 */
export class KurrentLogLayout {
  readonly log: string;

  constructor(readonly prefix: string) {
    this.log = `${prefix}log`;
  }

  nodeStream(stream: string): string {
    return `${this.prefix}node-${stream}`;
  }

  idStream(id: string): string {
    return `${this.prefix}id-${id}`;
  }

  /** The event in `<prefix>log`: a JSON envelope; data kept as text, so numbers round-trip as written. */
  logEvent(row: LogRow & Stored): EventData {
    const envelope: LogEnvelope = { id: row.id, stream: row.stream, version: row.version, time: row.time, meta: row.meta, data: row.data };
    return jsonEvent({ id: kurrentEventId(row.id), type: row.type, data: { ...envelope } });
  }

  /**
   * A link to position `position` (revision position - 1 of the log stream).
   * Link events are KurrentDB's own indexing mechanism (system projections
   * write them; readStream resolves them with resolveLinkTos).
   */
  linkEvent(position: number): EventData {
    return binaryEvent({ type: '$>', data: new TextEncoder().encode(`${position - 1}@${this.log}`) });
  }

  markerEvent(stored: Stored): EventData {
    return jsonEvent({ type: 'troupe-id', data: { position: stored.position, version: stored.version } });
  }

  /** A read event of the log stream (or a resolved link to one) as the port's RecordedEvent. */
  toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
    const e = resolved.event;
    if (!e || !e.isJson || e.streamId !== this.log) throw new TroupeError('log_read_failed', `not an event of ${this.log}: ${e?.streamId ?? 'a link that does not resolve'}`);
    const envelope = e.data as unknown as LogEnvelope;
    return toRecordedEvent({
      position: Number(e.revision) + 1, event_id: envelope.id, stream: envelope.stream, version: envelope.version,
      type: e.type, time: envelope.time, data: envelope.data, meta: envelope.meta,
    });
  }

  /** A marker event's {position, version}. */
  storedOf(resolved: ResolvedEvent): Stored {
    const data = resolved.event?.data as Partial<Stored> | undefined;
    if (typeof data?.position !== 'number' || typeof data.version !== 'number') throw new TroupeError('log_read_failed', `malformed id marker in ${resolved.event?.streamId}`);
    return { position: data.position, version: data.version };
  }
}

/** What `<prefix>log` holds per event besides its type: the Troupe event, data and meta as JSON text. */
interface LogEnvelope {
  readonly id: string;
  readonly stream: string;
  readonly version: number;
  readonly time: string;
  readonly meta: string;
  readonly data: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * KurrentDB event ids are UUIDs; Troupe's may be any string. A UUID is kept
 * (lowercased), anything else becomes a name-based UUID (version 5 layout,
 * SHA-1 of the id), so the same Troupe id always maps to the same event id.
 */
export function kurrentEventId(id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  const h = createHash('sha1').update(id).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
