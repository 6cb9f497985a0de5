import { canonicalJson } from './catalog-hash.js';
import type { PuppetCatalog } from './puppet-catalog.types.js';

/** How two catalogs of one node differ; `differences` are one line each, resources in catalog order. */
export interface CatalogComparison {
  /** Resources (every field but tags), their parameters, edges and classes are equal. */
  readonly identical: boolean;
  /** Catalog tags and each resource's tags, in catalog order (which also checks resource order). */
  readonly tagsIdentical: boolean;
  readonly differences: string[];
}

/**
 * Compares two catalogs as the differential corpus and the shadow check
 * (`--verify-sample`) do: resources without tags, parameters, edges and
 * classes; tags separately. `version`, `catalog_uuid` and `code_id` are
 * not compared (they differ between any two compiles).
 */
export function compareCatalogs(expected: PuppetCatalog, actual: PuppetCatalog): CatalogComparison {
  const differences: string[] = [];
  const byRef = (c: PuppetCatalog): Map<string, string> =>
    new Map(c.resources.map((r) => { const { tags: _t, ...rest } = r; return [`${r.type}[${r.title}]`, canonicalJson(rest)]; }));
  const e = byRef(expected);
  const a = byRef(actual);
  for (const [k, v] of e) {
    if (!a.has(k)) differences.push(`missing ${k}`);
    else if (a.get(k) !== v) differences.push(`differs ${k}: expected ${v} got ${a.get(k)}`);
  }
  for (const k of a.keys()) if (!e.has(k)) differences.push(`unexpected ${k}`);
  const edges = (c: PuppetCatalog): Set<string> => new Set(c.edges.map((x) => `${x.source} -> ${x.target}`));
  const ee = edges(expected);
  const ae = edges(actual);
  for (const x of ee) if (!ae.has(x)) differences.push(`missing edge ${x}`);
  for (const x of ae) if (!ee.has(x)) differences.push(`unexpected edge ${x}`);
  if (canonicalJson(expected.classes) !== canonicalJson(actual.classes)) {
    differences.push(`classes: expected ${JSON.stringify(expected.classes)} got ${JSON.stringify(actual.classes)}`);
  }
  const tags = (c: PuppetCatalog): string => canonicalJson([c.tags, c.resources.map((r) => [`${r.type}[${r.title}]`, r.tags])]);
  return { identical: differences.length === 0, tagsIdentical: tags(expected) === tags(actual), differences };
}
