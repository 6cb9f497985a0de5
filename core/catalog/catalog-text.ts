import type { PuppetCatalog } from './puppet-catalog.types.js';
import { parseJson, writeJson } from '../json/json-float.js';

interface Known {
  readonly head: object;
  readonly text: string;
}

const known = new WeakMap<object, Known>();

/**
 * Event data whose `catalog` arrived as JSON text (a cluster worker sends
 * it so). The text is parsed only if something reads `catalog`; the log
 * and the HTTP answer, which only pass the catalog on, use the text as is.
 * A 50 KB catalog would otherwise be parsed and serialized twice more on
 * the primary, the one process every catalog goes through.
 */
export function withCatalogText<T extends { readonly catalog: PuppetCatalog }>(head: Omit<T, 'catalog'>, text: string): T {
  let parsed: PuppetCatalog | undefined;
  const data = { ...head };
  Object.defineProperty(data, 'catalog', { enumerable: true, get: () => (parsed ??= parseJson(text) as PuppetCatalog) });
  known.set(data, { head, text });
  return data as T;
}

/** The catalog as JSON text: as received when known, else serialized now. */
export function catalogJson(data: { readonly catalog: PuppetCatalog }): string {
  return known.get(data)?.text ?? writeJson(data.catalog);
}

/**
 * The data without its catalog, and the catalog as JSON text: both as
 * received when known (the catalog is not parsed), else serialized now.
 */
export function splitCatalogText<T extends { readonly catalog: PuppetCatalog }>(data: T): { readonly head: Omit<T, 'catalog'>; readonly text: string } {
  const k = known.get(data);
  if (k) return { head: k.head as Omit<T, 'catalog'>, text: k.text };
  const { catalog, ...head } = data;
  return { head, text: writeJson(catalog) };
}

/**
 * `writeJson(data)` (integral Floats as `2.0`), without parsing and re-serializing a catalog
 * known as text. The result parses to the same value.
 */
export function stringifyData(data: object): string {
  const k = known.get(data);
  if (!k) return writeJson(data);
  const head = JSON.stringify(k.head);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}"catalog":${k.text}}`;
}
