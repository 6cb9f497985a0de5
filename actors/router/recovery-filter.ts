import type { CatalogRequested, RecordedEvent } from '../../core/events/event.types.js';

/**
 * During catch-up after a restart: collects the compile requests read up to
 * the startup head and forgets those the log shows answered, so only truly
 * unanswered requests are compiled again.
 */
export class RecoveryFilter {
  private readonly pending = new Map<string, RecordedEvent<CatalogRequested>>();

  constructor(readonly head: number) {}

  observe(event: RecordedEvent): void {
    if (event.type === 'catalog_requested') this.pending.set(event.id, event as RecordedEvent<CatalogRequested>);
    else if (event.type === 'catalog_compiled' || event.type === 'compile_failed') {
      for (const id of event.data.requestIds) this.pending.delete(id);
    }
  }

  unanswered(): RecordedEvent<CatalogRequested>[] {
    return [...this.pending.values()];
  }
}
