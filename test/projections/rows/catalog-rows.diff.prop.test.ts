import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import type { StoreResource } from '../../../core/catalog/puppet-catalog.types.js';
import type { PackedText } from '../../../core/codec/packed-text.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { storedCatalogBody } from '../../../projections/rows/stored-catalog-body.js';
import { cuts, splitAt } from '../storeconfigs.arbitraries.js';
import { catalogSubmitted, recorded, storeCatalog, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-catalog-rows-');
const NODES = ['a.example', 'b.example'] as const;

/**
 * Resources of four keys, two values per column: successive catalogs of a
 * node often keep a row, change one column of it, drop or add it; duplicates included.
 */
const resource: fc.Arbitrary<StoreResource> = fc.record({
  type: fc.constantFrom('File', 'Class'),
  title: fc.constantFrom('a', '/etc/motd'),
  exported: fc.boolean(),
  tags: fc.constantFrom(['x'], ['x', 'y']),
  parameters: fc.constantFrom({ ensure: 'present' }, { ensure: 'absent', mode: '0644' }),
  file: fc.option(fc.constant('/m.pp'), { nil: undefined }),
  line: fc.option(fc.constant(3), { nil: undefined }),
});
const ref = fc.record({ type: fc.constantFrom('File', 'Class'), title: fc.constantFrom('a', 'b', 'main') });
const edge = fc.record({ source: ref, target: ref, relationship: fc.constantFrom('contains', 'before', 'notifies') });
const catalog = fc.record({ node: fc.constantFrom(...NODES), resources: fc.array(resource, { maxLength: 6 }), edges: fc.array(edge, { maxLength: 8 }) });

/**
 * The rows of the tables a catalog writes, per node, minus what names the
 * event that wrote them. A body is compared as the resources and edges it
 * holds: it is stored as its event's data, and a catalog equal to the one
 * stored (same hash) rewrites only the metadata columns, not the body.
 */
function catalogRows(raw: Database.Database): string[] {
  const catalogs = (raw.prepare('SELECT certname, hash, body FROM catalogs').raw().all() as [string, string, PackedText][])
    .map(([certname, hash, body]) => [certname, hash, storedCatalogBody(body)]);
  return [
    ...raw.prepare('SELECT * FROM resources').raw().all(),
    ...raw.prepare('SELECT * FROM edges').raw().all(),
    ...catalogs,
  ].map((r) => JSON.stringify(r)).sort();
}

describe('catalog rows', () => {
  // Invariant: however a node's catalogs succeeded one another (and however the
  // events were batched), its rows are those its newest catalog writes into an
  // empty file, where nothing is diffed.
  it('equal the rows of the newest catalog stored alone, after any history', async () => {
    await fc.assert(fc.asyncProperty(fc.array(catalog, { minLength: 1, maxLength: 12 }).chain((cs) => fc.tuple(fc.constant(cs), cuts(cs.length))), async ([cs, points]) => {
      const events = recorded(cs.map((c, i) => catalogSubmitted(c.node, storeCatalog(c.resources, {
        edges: c.edges, producerTimestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      }), `cat-${i}`)));
      const diffed = StoreconfigsProjection.open({ path: files.path(), rowsPerInsert: 3 });
      const fresh = StoreconfigsProjection.open({ path: files.path(), rowsPerInsert: 3 });
      try {
        for (const batch of splitAt(events, points)) diffed.apply(batch);
        // Timestamps rise with the sequence: each node's last catalog is its newest.
        const newest = new Map(events.map((e) => [e.stream, e]));
        fresh.apply([...newest.values()].sort((x, y) => x.position - y.position));
        assert.deepEqual(catalogRows(diffed.database.raw), catalogRows(fresh.database.raw));
      } finally {
        await diffed.close();
        await fresh.close();
      }
    }), { numRuns: 200 });
  });
});
