import type { ExportedResource, ExportedResourceLookup, ResourceFilter } from './catalog-compiler.js';

/** Whether an exported resource matches a collector's filter, as PuppetDB answers it. */
export function matchesFilter(r: ExportedResource, f: ResourceFilter | undefined): boolean {
  if (!f) return true;
  if ('left' in f) return f.op === 'and' ? matchesFilter(r, f.left) && matchesFilter(r, f.right) : matchesFilter(r, f.left) || matchesFilter(r, f.right);
  const field = f.attribute === 'tag' ? r.tags : f.attribute === 'title' ? r.title : r.parameters[f.attribute];
  const hit = Array.isArray(field) ? field.some((x) => x === f.value) : field === f.value;
  return f.op === '==' ? hit : !hit;
}

/**
 * Answers `<<| |>>` collectors from a fixed list of resources in
 * `/pdb/query/v4/resources` shape (an `exported.json` file, a test corpus).
 */
export function inMemoryExportedResources(resources: readonly ExportedResource[]): ExportedResourceLookup {
  return {
    find: async (q) => resources.filter((r) =>
      r.type.toLowerCase() === q.type.toLowerCase() && r.certname !== q.excludeCertname
      && (q.environment === undefined || r.environment === q.environment) && matchesFilter(r, q.filter)),
  };
}
