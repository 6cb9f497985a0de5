import { catalogHash } from '../catalog/catalog-hash.js';
import type { CatalogBody, StoreCatalog } from '../catalog/puppet-catalog.types.js';
import { ConfigError } from '../errors/troupe-error.js';
import type { CatalogSubmittedData, TroupeEvent } from '../events/event.types.js';
import type { AppendOutcome, AppendRequest, EventLog } from './event-log.js';

/** Options of {@link CatalogReferences}; defaults in {@link DEFAULT_CATALOG_REFERENCES_OPTIONS}. */
export interface CatalogReferencesOptions {
  /**
   * Nodes whose latest submitted catalog is remembered (certname, hash and
   * event id, about 200 bytes each). Past it the node remembered longest
   * ago is forgotten: its next catalog is stored in full, as after a restart.
   * @defaultValue 100_000
   */
  readonly maxNodes?: number;
}

export const DEFAULT_CATALOG_REFERENCES_OPTIONS = { maxNodes: 100_000 } as const satisfies Required<CatalogReferencesOptions>;

/** Finds the body of a catalog stored in full by its event id, on the stream (node) it belongs to; synchronous, for projections. */
export type CatalogBodyLookup = (eventId: string, certname: string) => CatalogBody | undefined;

interface Latest { readonly hash: string; readonly eventId: string }

/**
 * The commands door to the log for submitted catalogs: each is hashed once
 * here, where it was decoded, and one whose resources and edges equal the
 * node's previous submitted catalog (same hash) is appended by reference to
 * that event — metadata, hash and `bodyOf` — instead of in full. Most agent
 * runs change nothing, so most catalogs cost the log and the projection
 * their metadata only. A reference only ever names a full catalog event of
 * the same node that is already durable; every other event passes through.
 */
export class CatalogReferences implements Pick<EventLog, 'append'> {
  private readonly latest = new Map<string, Latest>();
  private readonly maxNodes: number;

  constructor(private readonly log: Pick<EventLog, 'append'>, options: CatalogReferencesOptions = {}) {
    this.maxNodes = options.maxNodes ?? DEFAULT_CATALOG_REFERENCES_OPTIONS.maxNodes;
    if (!Number.isInteger(this.maxNodes) || this.maxNodes < 0) throw new ConfigError('maxNodes', 'must be an integer ≥ 0');
  }

  /** Nodes remembered now (at most `maxNodes`). */
  get size(): number {
    return this.latest.size;
  }

  async append(requests: readonly AppendRequest[]): Promise<readonly AppendOutcome[]> {
    const prepared = requests.map((r) => this.prepare(r));
    const outcomes = await this.log.append(prepared);
    outcomes.forEach((o, i) => { if (o.status === 'appended') this.remember(prepared[i]!.event); });
    return outcomes;
  }

  private prepare(request: AppendRequest): AppendRequest {
    const e = request.event;
    if (e.type !== 'catalog_submitted' || e.data.bodyOf !== undefined) return request;
    const hash = e.data.hash ?? catalogHash(e.data.catalog);
    const previous = this.latest.get(e.stream);
    if (previous?.hash !== hash) return { ...request, event: { ...e, data: { catalog: e.data.catalog, hash } } };
    const { resources: _r, edges: _e, ...metadata } = e.data.catalog;
    const data: CatalogSubmittedData = { catalog: metadata, hash, bodyOf: previous.eventId };
    return { ...request, event: { ...e, data } };
  }

  private remember(e: TroupeEvent): void {
    if (e.type !== 'catalog_submitted' || e.data.bodyOf !== undefined || e.data.hash === undefined) return;
    // Delete first: re-inserting moves the node to the young end of the Map's order.
    this.latest.delete(e.stream);
    if (this.maxNodes === 0) return;
    this.latest.set(e.stream, { hash: e.data.hash, eventId: e.id });
    if (this.latest.size > this.maxNodes) this.latest.delete(this.latest.keys().next().value!);
  }
}

/** The body a full `catalog_submitted` event's data holds, if it is one. */
export function catalogBodyOf(data: unknown): CatalogBody | undefined {
  const catalog = (data as { catalog?: Partial<StoreCatalog> } | null)?.catalog;
  return catalog?.resources && catalog.edges ? { resources: catalog.resources, edges: catalog.edges } : undefined;
}
