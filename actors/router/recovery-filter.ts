import type { CatalogRequested, CompileAborted, RecordedEvent } from '../../core/events/event.types.js';

/** An unanswered request found by catch-up, with the attempts the log shows aborted. */
export interface Unanswered {
  readonly request: RecordedEvent<CatalogRequested>;
  readonly aborts: number;
}

/**
 * During catch-up after a restart: collects the compile requests read up to
 * the startup head and forgets those the log shows answered, so only truly
 * unanswered requests are compiled again, each with its count of aborted
 * attempts (so a request that keeps killing Troupe is not re-run blindly).
 */
export class RecoveryFilter {
  private readonly pending = new Map<string, { request: RecordedEvent<CatalogRequested>; aborts: number }>();

  constructor(readonly head: number) {}

  observe(event: RecordedEvent): void {
    if (event.type === 'catalog_requested') this.pending.set(event.id, { request: event as RecordedEvent<CatalogRequested>, aborts: 0 });
    else if (event.type === 'compile_aborted') {
      for (const id of (event as RecordedEvent<CompileAborted>).data.requestIds) {
        const p = this.pending.get(id);
        if (p) p.aborts++;
      }
    } else if (event.type === 'catalog_compiled' || event.type === 'compile_failed') {
      for (const id of event.data.requestIds) this.pending.delete(id);
    }
  }

  unanswered(): Unanswered[] {
    return [...this.pending.values()];
  }
}
