import { createHash } from 'node:crypto';
import { isJsonFloat, writeJson } from '../json/json-float.js';
import type { StoreCatalog } from './puppet-catalog.types.js';

/**
 * A catalog's identity for "unchanged catalog" detection: resources and
 * edges only, in a canonical order, so volatile metadata (version, uuids,
 * timestamps) does not make an identical catalog look new — as PuppetDB's
 * catalog hash does.
 */
export function catalogHash(catalog: Pick<StoreCatalog, 'resources' | 'edges' | 'environment'>): string {
  // One string, one digest: a catalog's ~900 small updates cost more than their bytes.
  const parts: string[] = [catalog.environment];
  const resources = [...catalog.resources].sort((a, b) => cmp(a.type, b.type) || cmp(a.title, b.title));
  for (const r of resources) {
    // Fixed field order here; only parameters need key sorting.
    parts.push(`${r.type}\u0000${r.title}\u0000${r.exported}\u0000${r.file ?? ''}\u0000${r.line ?? ''}\u0000${JSON.stringify(r.tags)}\u0000`,
      canonicalJson(r.parameters ?? {}));
  }
  const edges = catalog.edges
    .map((e) => `${e.source.type}[${e.source.title}]>${e.relationship}>${e.target.type}[${e.target.title}]`)
    .sort();
  return createHash('sha1').update(parts.join('')).update(edges.join('')).digest('hex');
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted at every depth; arrays keep their order; integral Floats as `2.0` (writeJson). */
export function canonicalJson(value: unknown): string {
  // Most producers already emit sorted keys; native stringify is far faster.
  return isCanonical(value) ? writeJson(value) : slowCanonicalJson(value);
}

function isCanonical(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || isJsonFloat(value)) return value !== undefined;
  if (Array.isArray(value)) return value.every(isCanonical);
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && previous >= key) return false;
    if (!isCanonical((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

function slowCanonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string': case 'number': return JSON.stringify(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'object': break;
    default: return writeJson(value) ?? 'null'; // undefined and functions as in an array; a bigint throws
  }
  if (value === null) return 'null';
  if (isJsonFloat(value)) return writeJson(value)!;
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + slowCanonicalJson(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  out = '{';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${slowCanonicalJson(v)}`;
  }
  return `${out}}`;
}
