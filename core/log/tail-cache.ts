import type { RecordedEvent } from '../events/event.types.js';

/**
 * The most recently appended events, kept in memory so live subscribers
 * read them without a trip to storage or a JSON parse. Bounded by the
 * approximate JSON size of the events it holds; on overflow the oldest
 * events leave the cache (they are still in the log, so a slow reader just
 * falls back to storage reads).
 */
export class TailCache {
  private events: Array<RecordedEvent | undefined> = [];
  private sizes: number[] = [];
  private start = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  add(event: RecordedEvent, size: number): void {
    if (this.events.length > 0 && this.last() !== event.position - 1) this.clear();
    this.events.push(event);
    this.sizes.push(size);
    this.bytes += size;
    while (this.bytes > this.maxBytes && this.start < this.events.length) {
      this.bytes -= this.sizes[this.start] ?? 0;
      // Drop the reference now: an evicted catalog must not wait for compaction.
      this.events[this.start] = undefined;
      this.start++;
    }
    // Compact now and then so the arrays do not grow without bound.
    if (this.start > 1024 && this.start * 2 > this.events.length) {
      this.events = this.events.slice(this.start);
      this.sizes = this.sizes.slice(this.start);
      this.start = 0;
    }
  }

  /** Events after `from`, or undefined when the cache cannot answer completely. */
  readAfter(from: number, limit: number, until: number): RecordedEvent[] | undefined {
    const first = this.events[this.start];
    if (first === undefined || from + 1 < first.position) return undefined;
    const offset = this.start + (from + 1 - first.position);
    const out: RecordedEvent[] = [];
    for (let i = offset; i < this.events.length && out.length < limit; i++) {
      const e = this.events[i]!;
      if (e.position > until) break;
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.events = [];
    this.sizes = [];
    this.start = 0;
    this.bytes = 0;
  }

  private last(): number {
    return this.events[this.events.length - 1]?.position ?? 0;
  }
}
