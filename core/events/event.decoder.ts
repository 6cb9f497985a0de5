import { ValidationError } from '../errors/troupe-error.js';
import type { Result } from '../result.js';
import {
  certname, child, integer, nonEmpty, object, oneOf, optString, string, timestamp, validated, type Obj,
} from '../schema/field-readers.js';
import type { PqlAst } from '../pql/pql-ast.js';
import { decodeStoreCatalog } from '../wire/pdb-command.decoder.js';
import {
  CODE_STREAM, COMPILE_REASONS, type EventMeta, type EventSource, type TroupeEvent,
} from './event.types.js';

/** Event types outsiders may submit; compile outcomes come only from actors. */
export const SUBMITTABLE_TYPES = [
  'facts_submitted', 'catalog_requested', 'catalog_submitted', 'node_deactivated', 'code_deployed',
] as const;

/**
 * Validates one of Troupe's own events arriving from outside (STOMP, CLI,
 * HTTP). Returns the event or the first schema violation, naming its path.
 * `meta.source` is the door it came through, never what the sender claims.
 */
export function decodeTroupeEvent(value: unknown, source: EventSource): Result<TroupeEvent, ValidationError> {
  return validated(() => decode(object(value, ''), source));
}

function decode(o: Obj, source: EventSource): TroupeEvent {
  const type = oneOf(o, 'type', '', SUBMITTABLE_TYPES);
  const id = nonEmpty(o, 'id', '');
  const time = timestamp(o, 'time', '');
  const m = o['meta'] === undefined ? {} : child(o, 'meta', '');
  const causationId = optString(m, 'causationId', 'meta');
  const meta: EventMeta = { source, ...(causationId ? { causationId } : {}) };
  const data = child(o, 'data', '');
  if (type === 'code_deployed') {
    if (o['stream'] !== CODE_STREAM) throw new ValidationError('stream', `code_deployed belongs to ${CODE_STREAM}`);
    const select = data['select'];
    if (select !== undefined && !Array.isArray(select)) throw new ValidationError('data.select', 'a selector condition is a JSON AST array');
    return { type, id, time, meta, stream: CODE_STREAM, data: {
      environment: nonEmpty(data, 'environment', 'data'), codeId: string(data, 'codeId', 'data'), ...(select === undefined ? {} : { select: select as PqlAst }),
    } };
  }
  const stream = certname(o['stream'], 'stream');
  const base = { id, time, meta, stream };
  switch (type) {
    case 'facts_submitted':
      return { ...base, type, data: {
        environment: nonEmpty(data, 'environment', 'data'),
        producerTimestamp: timestamp(data, 'producerTimestamp', 'data'),
        producer: optString(data, 'producer', 'data'),
        values: child(data, 'values', 'data'),
      } };
    case 'catalog_requested':
      return { ...base, type, data: {
        environment: nonEmpty(data, 'environment', 'data'),
        reason: oneOf(data, 'reason', 'data', COMPILE_REASONS),
        priority: integer(data, 'priority', 'data', 0, 9),
        transactionUuid: optString(data, 'transactionUuid', 'data'),
      } };
    case 'catalog_submitted':
      return { ...base, type, data: { catalog: decodeStoreCatalog(child(data, 'catalog', 'data')) } };
    case 'node_deactivated':
      return { ...base, type, data: { producerTimestamp: timestamp(data, 'producerTimestamp', 'data') } };
  }
}
