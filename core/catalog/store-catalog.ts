import { catalogHash } from './catalog-hash.js';
import type { PuppetCatalog, ResourceRef, StoreCatalog, StoreEdge } from './puppet-catalog.types.js';

/** Parses Puppet's `Type[title]` reference string. */
export function parseRef(ref: string): ResourceRef {
  const open = ref.indexOf('[');
  if (open <= 0 || !ref.endsWith(']')) return { type: ref, title: '' };
  return { type: ref.slice(0, open), title: ref.slice(open + 1, -1) };
}

const RELATIONSHIP_PARAMS: Readonly<Record<string, { relationship: string; reverse: boolean }>> = {
  before: { relationship: 'before', reverse: false },
  notify: { relationship: 'notifies', reverse: false },
  require: { relationship: 'required-by', reverse: true },
  subscribe: { relationship: 'subscription-of', reverse: true },
};

/**
 * Converts a compiled Puppet catalog to PuppetDB's storage form, the way
 * puppetserver's PuppetDB terminus does: containment edges become
 * `contains`, relationship metaparameters become their own edges.
 */
export function toStoreCatalog(
  catalog: PuppetCatalog,
  meta: { producerTimestamp: string; producer: string | null; transactionUuid: string | null },
): StoreCatalog {
  const edges: StoreEdge[] = catalog.edges.map((e) => ({
    source: parseRef(e.source),
    target: parseRef(e.target),
    relationship: 'contains',
  }));
  for (const r of catalog.resources) {
    for (const [param, rel] of Object.entries(RELATIONSHIP_PARAMS)) {
      const value = r.parameters?.[param];
      if (value === undefined) continue;
      for (const ref of Array.isArray(value) ? value : [value]) {
        if (typeof ref !== 'string') continue;
        const self = { type: r.type, title: r.title };
        const other = parseRef(ref);
        edges.push(rel.reverse
          ? { source: other, target: self, relationship: rel.relationship }
          : { source: self, target: other, relationship: rel.relationship });
      }
    }
  }
  return {
    version: String(catalog.version),
    environment: catalog.environment,
    transactionUuid: meta.transactionUuid,
    catalogUuid: catalog.catalog_uuid,
    codeId: catalog.code_id,
    producerTimestamp: meta.producerTimestamp,
    producer: meta.producer,
    resources: catalog.resources,
    edges,
  };
}

/**
 * The hash of a compiled catalog, as an actor records it in
 * `catalog_compiled` and storeconfigs keeps it: that of its store form
 * (only resources, edges and environment count, so metadata is irrelevant).
 */
export function compiledCatalogHash(catalog: PuppetCatalog): string {
  return catalogHash(toStoreCatalog(catalog, { producerTimestamp: '', producer: null, transactionUuid: null }));
}
