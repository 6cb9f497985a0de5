import { canonicalJson } from '../catalog/catalog-hash.js';
import type { ExportedResource, ResourceFilter } from './catalog-compiler.js';

/**
 * Whether an exported resource satisfies a collector's search expression,
 * as Puppet decides for exports collected from PuppetDB: `tag` matches any
 * of the resource's tags (case-insensitively: Puppet's tags are lower-case),
 * `title` the title, any other attribute the parameter, where an array
 * parameter matches when any of its elements equals the value; `!=` is the
 * negation of `==` (so a missing parameter is `!=` anything). Shared by the
 * storeconfigs lookup and the dependency tracker, so both agree on who
 * collects what.
 */
export function matches(filter: ResourceFilter, r: Pick<ExportedResource, 'title' | 'tags' | 'parameters'>): boolean {
  switch (filter.op) {
    case 'and': return matches(filter.left, r) && matches(filter.right, r);
    case 'or': return matches(filter.left, r) || matches(filter.right, r);
    case '==': return attributeEquals(r, filter.attribute, filter.value);
    case '!=': return !attributeEquals(r, filter.attribute, filter.value);
  }
}

function attributeEquals(r: Pick<ExportedResource, 'title' | 'tags' | 'parameters'>, attribute: string, value: unknown): boolean {
  if (attribute === 'tag') {
    const wanted = typeof value === 'string' ? value.toLowerCase() : value;
    return r.tags.some((t) => t === wanted);
  }
  if (attribute === 'title') return sameValue(r.title, value);
  if (!Object.hasOwn(r.parameters, attribute)) return false;
  const actual = r.parameters[attribute];
  return Array.isArray(actual) ? actual.some((a) => sameValue(a, value)) : sameValue(actual, value);
}

const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && canonicalJson(a) === canonicalJson(b));

/** `ssh::key` → `Ssh::Key`, the form catalogs store types in. */
export function capitalizeType(type: string): string {
  return type.split('::').map((s) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)).join('::');
}
