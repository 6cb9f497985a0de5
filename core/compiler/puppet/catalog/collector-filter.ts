import type { ResourceFilter } from '../../catalog-compiler.js';
import { equals, fromJson, isArray, ResourceRef, type Value } from '../types/values.js';
import type { CatalogResource } from './catalog-resource.js';

/** A reference compares as the text the query carries (`Notify[foobar]`). */
const comparable = (v: Value): Value => (v instanceof ResourceRef ? v.toString() : isArray(v) ? v.map(comparable) : v);

/**
 * Whether a catalog resource matches a collector query as Puppet's
 * collector transformer decides: `tag == x` asks the resource's tags (its
 * own and, as Puppet tags a resource when it is declared, its container's);
 * `attr == x` matches a value or an element of an Array value; `attr != x`
 * compares the whole value (so an Array never equals a String, and `tag !=`
 * looks at the `tag` parameter alone).
 */
export function matchesResource(r: CatalogResource, f: ResourceFilter | undefined): boolean {
  if (!f) return true;
  if ('left' in f) return f.op === 'and' ? matchesResource(r, f.left) && matchesResource(r, f.right) : matchesResource(r, f.left) || matchesResource(r, f.right);
  const want = fromJson(f.value);
  const v = comparable(f.attribute === 'title' ? r.title : r.params.get(f.attribute));
  if (f.op === '!=') return !equals(v, want);
  if (f.attribute === 'tag') {
    const tags = isArray(want) ? want : [want];
    const holder = r.scope.owner.resource;
    return tags.some((t) => typeof t === 'string' && (r.tagged(t) || (holder !== undefined && holder !== r && holder.tagged(t))));
  }
  return isArray(v) ? v.some((x) => equals(x, want)) : equals(v, want);
}
