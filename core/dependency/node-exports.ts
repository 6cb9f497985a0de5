import { createHash } from 'node:crypto';
import { canonicalJson } from '../catalog/catalog-hash.js';
import type { PuppetResource } from '../catalog/puppet-catalog.types.js';
import type { ExportedResource } from '../compiler/catalog-compiler.js';

/** What a collector can see of one exported resource (all its filter can ask about). */
export type ExportView = Pick<ExportedResource, 'type' | 'title' | 'tags' | 'parameters' | 'environment'>;

/**
 * A node's exported resources (`@@type { ... }`) as collectors see them,
 * keyed by `Type[title]`, and their digest: two catalogs with equal
 * digests export the same resources (so a recompile that changed only
 * other resources triggers nothing).
 */
export interface NodeExports {
  readonly digest: string;
  readonly resources: ReadonlyMap<string, ExportView>;
}

/** The digest of a catalog with no exports. */
export const NO_EXPORTS_DIGEST = exportsOf([], '').digest;

/** The exports of one catalog of an environment. */
export function exportsOf(resources: readonly PuppetResource[], environment: string): NodeExports {
  const views = new Map<string, ExportView>();
  for (const r of resources) {
    if (!r.exported) continue;
    views.set(`${r.type}[${r.title}]`, { type: r.type, title: r.title, tags: r.tags, parameters: r.parameters ?? {}, environment });
  }
  const h = createHash('sha1');
  for (const key of [...views.keys()].sort()) h.update(`${key}\u0000${viewText(views.get(key)!)}\u0000`);
  return { digest: h.digest('hex'), resources: views };
}

/**
 * The exports that differ between two versions of a node's exports:
 * added, removed, and both versions of the modified ones (a collector
 * that matched the old version must lose it; one that matches the new
 * must gain it).
 */
export function changedExports(before: ReadonlyMap<string, ExportView>, after: ReadonlyMap<string, ExportView>): readonly ExportView[] {
  const changed: ExportView[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now === undefined) changed.push(old);
    else if (viewText(now) !== viewText(old)) changed.push(old, now);
  }
  for (const [key, now] of after) if (!before.has(key)) changed.push(now);
  return changed;
}

const viewText = (v: ExportView): string => canonicalJson([v.environment, [...v.tags].sort(), v.parameters]);
