import type { StoreEdge, StoreResource } from '../../core/catalog/puppet-catalog.types.js';
import type { StoreconfigsStatements } from '../storeconfigs/storeconfigs.statements.js';
import type { EdgeRow, ResourceRow } from '../storeconfigs/storeconfigs.writes.js';
import { writeJson } from '../../core/json/json-float.js';
import { resourceHash } from './resource-hash.js';

/** A stored row's columns after its certname, as the table answers them in raw mode. */
type Stored = readonly unknown[];

/** The `resources` row of one resource of `certname`'s catalog. */
export function resourceRow(certname: string, r: StoreResource): ResourceRow {
  const tags = JSON.stringify(r.tags);
  const parameters = writeJson(r.parameters ?? {});
  return [certname, r.type, r.title, r.exported ? 1 : 0, tags, parameters, r.file ?? null, r.line ?? null, resourceHash({ ...r, tags, parameters })];
}

/** The `edges` row of one edge of `certname`'s catalog. */
export const edgeRow = (certname: string, x: StoreEdge): EdgeRow => [
  certname, x.source.type, x.source.title, x.target.type, x.target.title, x.relationship,
];

/**
 * Replaces a node's resources and edges with the rows of its new catalog
 * ({@link resourceRow}, {@link edgeRow}), writing only what changed: a catalog that changed a few resources (an
 * agent's drift, a small code change) rewrites those rows and their index
 * entries instead of all ~650. The rows left equal those of deleting every
 * row and inserting the catalog's (a later duplicate resource replaces an
 * earlier one, duplicate edges collapse), as a property test pins.
 */
export function replaceCatalogRows(
  certname: string,
  resources: readonly ResourceRow[],
  edges: readonly EdgeRow[],
  stmts: StoreconfigsStatements,
): void {
  // Keyed by the table's unique key (type, title); the last duplicate wins, as INSERT OR REPLACE.
  const wanted = new Map<string, ResourceRow>();
  for (const row of resources) wanted.set(JSON.stringify([row[1], row[2]]), row);
  for (const row of stmts.resourcesOf.all(certname) as Stored[]) {
    const key = JSON.stringify([row[0], row[1]]);
    const next = wanted.get(key);
    if (!next) stmts.deleteResource.run(certname, row[0], row[1]);
    else if (sameColumns(next, row)) wanted.delete(key);
    // else: rewritten by the insert (INSERT OR REPLACE)
  }
  stmts.insertResources.run([...wanted.values()]);

  const wantedEdges = new Map<string, EdgeRow>();
  for (const row of edges) wantedEdges.set(JSON.stringify(row.slice(1)), row);
  for (const row of stmts.edgesOf.all(certname) as Stored[]) {
    if (!wantedEdges.delete(JSON.stringify(row))) stmts.deleteEdge.run(certname, ...row);
  }
  stmts.insertEdges.run([...wantedEdges.values()]);
}

/** Whether `row` (certname first) holds the values of `stored` (the columns after certname). */
function sameColumns(row: ResourceRow, stored: Stored): boolean {
  for (let i = 0; i < stored.length; i++) if (row[i + 1] !== stored[i]) return false;
  return true;
}
