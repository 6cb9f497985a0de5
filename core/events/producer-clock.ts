import type { TroupeEvent } from './event.types.js';

/** The producer's own timestamp, where the event type carries one. */
export function producerTimestampOf(event: TroupeEvent): string | null {
  switch (event.type) {
    case 'facts_submitted':
    case 'report_submitted':
    case 'catalog_inputs_submitted':
    case 'node_deactivated':
      return event.data.producerTimestamp;
    case 'catalog_submitted':
      return event.data.catalog.producerTimestamp;
    default:
      return null;
  }
}

/**
 * Why an incoming event's producer timestamp cannot be trusted, or null.
 * Newer producer timestamps win in storeconfigs, so one from a clock far
 * ahead (2099) would outrank every later real run: refused at the door.
 */
export function futureTimestampReason(event: TroupeEvent, nowMs: number, maxSkewSeconds: number): string | null {
  const ts = producerTimestampOf(event);
  if (ts === null) return null;
  const at = Date.parse(ts);
  if (!(at - nowMs > maxSkewSeconds * 1000)) return null;
  return `producer timestamp ${ts} is more than ${maxSkewSeconds} s ahead of the server's clock (${new Date(nowMs).toISOString()}); check the producer's clock`;
}
