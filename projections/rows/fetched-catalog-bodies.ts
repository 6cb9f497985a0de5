import type { RecordedEvent } from '../../core/events/event.types.js';
import type { CatalogBodyLookup } from '../../core/log/catalog-references.js';
import type { ApplyOutcome, Projection } from '../projection.types.js';

/**
 * The SQLite storeconfigs projection looks up catalogs recorded by
 * reference synchronously, inside its transaction; a log on a server
 * (PostgreSQL, KurrentDB) answers over the network. This bridges the two:
 * the bodies a batch refers to are fetched before the batch is applied
 * (`catalogBodiesFor`), and `lookup` — the projection's `catalogBodies` —
 * answers from them. Holds one batch's bodies at a time.
 */
export class FetchedCatalogBodies {
  private current: CatalogBodyLookup | undefined;

  constructor(private readonly fetch: (batch: readonly RecordedEvent[]) => Promise<CatalogBodyLookup>) {}

  readonly lookup: CatalogBodyLookup = (eventId, certname) => this.current?.(eventId, certname);

  async prefetch(batch: readonly RecordedEvent[]): Promise<void> {
    this.current = await this.fetch(batch);
  }

  /** `projection`, fetching each batch's bodies before applying it (the projection must look them up with `lookup`). */
  around<P extends Projection & { close(): Promise<void> }>(projection: P): Projection & { close(): Promise<void> } {
    return {
      name: projection.name,
      get checkpoint() { return projection.checkpoint; },
      apply: async (batch): Promise<ApplyOutcome> => {
        await this.prefetch(batch);
        return projection.apply(batch);
      },
      close: () => projection.close(),
    };
  }
}
