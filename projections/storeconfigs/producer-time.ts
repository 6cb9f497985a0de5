/** Epoch ms of an ISO-8601 producer timestamp; null or unparsable sorts first. */
export function instant(ts: string | null | undefined): number {
  if (ts == null) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * Whether a command replaces what is stored: a strictly newer producer
 * timestamp wins; on a tie the greater event id wins, so the outcome does
 * not depend on the order the commands arrived in.
 */
export function supersedes(ts: string, eventId: string, storedTs: string | null, storedEventId: string | null): boolean {
  if (storedTs === null) return true;
  const a = instant(ts);
  const b = instant(storedTs);
  if (a !== b) return a > b;
  return storedEventId === null || eventId > storedEventId;
}

/** The later of two timestamps by instant; equal instants pick the greater string (order-independent). */
export function later(ts: string, stored: string | null): string {
  if (stored === null) return ts;
  const a = instant(ts);
  const b = instant(stored);
  if (a !== b) return a > b ? ts : stored;
  return ts > stored ? ts : stored;
}
