import { stringifyData } from '../catalog/catalog-text.js';
import { unpackText, type PackedText } from '../codec/packed-text.js';
import type { RecordedEvent } from '../events/event.types.js';
import type { AppendRequest } from './event-log.js';
import type { LogRow } from './log-writer.js';
import { parseJson } from '../json/json-float.js';

/** One stored event as every backend's `events` table holds it (data and meta as JSON text). */
export interface StoredEventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream: string;
  readonly version: number;
  readonly type: string;
  readonly time: string;
  readonly data: string;
  readonly meta: string;
}

/** A stored event whose data may be packed (the SQLite log deflates long data, `packText`). */
export type PackedEventRow = Omit<StoredEventRow, 'data'> & { readonly data: PackedText };

/** An append request as the writer stores it: data and meta serialized once, here. */
export function toLogRow(req: AppendRequest): LogRow {
  const e = req.event;
  return {
    id: e.id, stream: e.stream, type: e.type, time: e.time,
    data: stringifyData(e.data), meta: JSON.stringify(e.meta), expectedVersion: req.expectedVersion ?? 'any',
  };
}

/** Event data read from packed bytes, and those bytes (see `packedDataOf`). */
const packedData = new WeakMap<object, Uint8Array>();

export function toRecordedEvent(row: PackedEventRow): RecordedEvent {
  const data = parseJson(unpackText(row.data)) as object;
  if (typeof row.data !== 'string') packedData.set(data, row.data);
  return {
    type: row.type, id: row.event_id, stream: row.stream, time: row.time,
    data, meta: JSON.parse(row.meta),
    position: row.position, version: row.version,
  } as RecordedEvent;
}

/**
 * The packed bytes (`packText`) event data was read from, when it was read
 * from a log that stores it packed: a store that keeps the same JSON
 * packed (storeconfigs' catalog body) can keep these bytes instead of
 * serializing and deflating the data again.
 */
export function packedDataOf(data: object): Uint8Array | undefined {
  return packedData.get(data);
}
