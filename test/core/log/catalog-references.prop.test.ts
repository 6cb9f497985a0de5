import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { catalogHash } from '../../../core/catalog/catalog-hash.js';
import type { RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import { CatalogReferences } from '../../../core/log/catalog-references.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { cuts, eventSequence, splitAt } from '../../projections/storeconfigs.arbitraries.js';
import { dumpTables, resource, storeCatalog, tmpFiles } from '../../projections/storeconfigs.fixture.js';

const files = tmpFiles('troupe-catalog-refs-');
const RUNS = { numRuns: 40 };

/** Appends the groups in order to a fresh log, through `door(log)`; returns the whole log and its body lookup's answers. */
async function logThrough(
  groups: readonly (readonly TroupeEvent[])[],
  door: (log: SqliteEventLog) => { append: SqliteEventLog['append']; size?: number },
  onAppended: (door: { size?: number }) => void = () => {},
): Promise<{ events: readonly RecordedEvent[]; tables: Record<string, string[]> }> {
  const log = new SqliteEventLog({ path: files.path(), writer: 'inline' });
  try {
    const d = door(log);
    for (const g of groups) {
      await d.append(g.map((event) => ({ event })));
      onAppended(d);
    }
    const events = await log.read(0, { limit: 10_000 });
    const projection = StoreconfigsProjection.open({ path: files.path(), reportRetention: 3, catalogBodies: log.catalogBodies() });
    projection.apply(events);
    const tables = dumpTables(projection.database.raw);
    await projection.close();
    return { events, tables };
  } finally {
    await log.close();
  }
}

const CATALOG_BODIES = [
  [resource('Class', 'main')],
  [resource('Class', 'main'), resource('File', '/etc/motd', { parameters: { content: 'hi' } })],
] as const;

/**
 * Events of every kind plus many catalogs from a tiny set (two bodies, three
 * nodes, any producer time), inserted anywhere: unchanged catalogs are
 * common and arrive both before and after whatever else changed their node
 * (newer or stale catalogs, compiles, deactivation).
 */
const withCatalogs = fc.tuple(
  eventSequence(),
  fc.array(fc.record({ c: fc.constantFrom('a.example', 'b.example', 'c.example'), body: fc.nat(1), minute: fc.nat(5), at: fc.nat(40) }), { minLength: 2, maxLength: 20 }),
).map(([es, catalogs]) => {
  const out = [...es];
  catalogs.forEach(({ c, body, minute, at }, k) => {
    const time = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
    const catalog = storeCatalog(CATALOG_BODIES[body]!, { producerTimestamp: time, catalogUuid: `cat-${k}`, version: String(k) });
    out.splice(Math.min(at, out.length), 0, { type: 'catalog_submitted', id: `cat-${k}`, stream: c, time, meta: { source: 'test' }, data: { catalog } });
  });
  return out;
});

const sequenceWithGroups = withCatalogs.chain((es) => fc.tuple(fc.constant(es), cuts(es.length), fc.nat(4)));

describe('CatalogReferences (unchanged catalogs recorded by reference)', () => {
  it('stores exactly what the full-body path stores, for any events, grouping and memory bound', async () => {
    // Invariant: recording an unchanged catalog by reference is invisible in storeconfigs, whatever else happens to the node in between.
    await fc.assert(fc.asyncProperty(sequenceWithGroups, async ([es, points, maxNodes]) => {
      const groups = splitAt(es, points);
      const slow = await logThrough(groups, (log) => log);
      const fast = await logThrough(groups, (log) => new CatalogReferences(log, { maxNodes }), (d) => assert.ok(d.size! <= maxNodes, 'remembers more nodes than its bound'));
      assert.deepEqual(fast.tables, slow.tables);
    }), RUNS);
  });

  it('points each reference at an earlier full catalog of the same node with the same hash, which reads back as its first copy', async () => {
    // Invariant: a reference resolves, on its own stream, to a body whose hash is the catalog's own.
    await fc.assert(fc.asyncProperty(sequenceWithGroups, async ([es, points]) => {
      const { events } = await logThrough(splitAt(es, points), (log) => new CatalogReferences(log));
      const byId = new Map(events.map((e) => [e.id, e]));
      for (const e of events) {
        if (e.type !== 'catalog_submitted' || e.data.bodyOf === undefined) continue;
        const first = byId.get(e.data.bodyOf);
        assert.ok(first && first.type === 'catalog_submitted' && first.data.bodyOf === undefined, `${e.id} refers to a full catalog`);
        assert.equal(first.stream, e.stream);
        assert.ok(first.position < e.position);
        assert.equal(first.data.hash, e.data.hash);
        const original = es.find((x) => x.id === e.id)!;
        assert.equal(original.type === 'catalog_submitted' && catalogHash(original.data.catalog as never), e.data.hash);
      }
    }), RUNS);
  });

  it('records a repeated catalog by reference and a changed one in full', async () => {
    const e1 = fc.sample(eventSequence(), { numRuns: 50, seed: 7 }).flat().find((e) => e.type === 'catalog_submitted');
    assert.ok(e1);
    const again = { ...e1, id: 'again', data: { ...e1.data, catalog: { ...e1.data.catalog, version: 'later' } } } as TroupeEvent;
    const { events } = await logThrough([[e1], [again]], (log) => new CatalogReferences(log));
    const [first, second] = events;
    assert.ok(first?.type === 'catalog_submitted' && second?.type === 'catalog_submitted');
    assert.equal(first.data.bodyOf, undefined);
    assert.equal(second.data.bodyOf, e1.id);
    assert.equal('resources' in second.data.catalog, false, 'the reference carries metadata only');
    assert.equal(second.data.catalog.version, 'later');
  });
});
