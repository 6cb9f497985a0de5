import { createHash } from 'node:crypto';
import type { StoreCatalog } from './puppet-catalog.types.js';

/**
 * A catalog's identity for "unchanged catalog" detection: resources and
 * edges only, in a canonical order, so volatile metadata (version, uuids,
 * timestamps) does not make an identical catalog look new — as PuppetDB's
 * catalog hash does.
 */
export function catalogHash(catalog: Pick<StoreCatalog, 'resources' | 'edges' | 'environment'>): string {
  const h = createHash('sha1');
  h.update(catalog.environment);
  const resources = [...catalog.resources].sort((a, b) => cmp(a.type, b.type) || cmp(a.title, b.title));
  for (const r of resources) h.update(canonicalJson(r));
  const edges = catalog.edges
    .map((e) => `${e.source.type}[${e.source.title}]>${e.relationship}>${e.target.type}[${e.target.title}]`)
    .sort();
  for (const e of edges) h.update(e);
  return h.digest('hex');
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted at every depth; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
