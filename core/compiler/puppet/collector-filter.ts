import type { ResourceFilter } from '../catalog-compiler.js';
import type { CatalogResource } from './catalog-resource.js';
import { equals, fromJson, isArray } from './values.js';

/** Whether a catalog resource matches a collector query (`tag`, `title`, or a parameter; arrays match any element). */
export function matchesResource(r: CatalogResource, f: ResourceFilter | undefined): boolean {
  if (!f) return true;
  if ('left' in f) return f.op === 'and' ? matchesResource(r, f.left) && matchesResource(r, f.right) : matchesResource(r, f.left) || matchesResource(r, f.right);
  const want = fromJson(f.value);
  let hit: boolean;
  if (f.attribute === 'tag') hit = typeof want === 'string' && r.tagged(want);
  else if (f.attribute === 'title') hit = equals(r.title, want);
  else {
    const v = r.params.get(f.attribute);
    hit = isArray(v) ? v.some((x) => equals(x, want)) : equals(v, want);
  }
  return f.op === '==' ? hit : !hit;
}
