import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { createPdbQueryEngine } from '../../../projections/query/pdb-query.engine.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { storeconfigsQueries } from '../../../projections/storeconfigs/storeconfigs.queries.js';
import { storedCatalogBody } from '../../../projections/rows/stored-catalog-body.js';
import { catalogSubmitted, recorded, resource, storeCatalog, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-catalog-body-');

/** Catalogs long enough to be packed (one with a duplicate resource and edge), a short one, and a newer catalog of the first node. */
const big = (n: number, extra: object = {}) => storeCatalog(
  [resource('Class', 'main'), ...Array.from({ length: n }, (_, i) => resource('File', `/etc/f${i}`, { parameters: { mode: '0644', i, ...extra }, line: i }))],
  { producerTimestamp: `2026-01-01T00:0${n % 10}:00.000Z` },
);
const dup = big(30);
const EVENTS: TroupeEvent[] = [
  catalogSubmitted('a.example', big(40), 'cat-a1'),
  catalogSubmitted('b.example', { ...dup, resources: [...dup.resources, dup.resources[3]!], edges: [...dup.edges, dup.edges[0]!] }, 'cat-b'),
  catalogSubmitted('c.example', storeCatalog([resource('Class', 'main')]), 'cat-c'),
  catalogSubmitted('a.example', big(41, { drift: true }), 'cat-a2'),
];

/** Every table, catalogs' bodies as the resources and edges they hold (their bytes differ by design). */
function rows(raw: Database.Database): Record<string, unknown> {
  const catalogs = (raw.prepare('SELECT * FROM catalogs ORDER BY certname').all() as { body: Uint8Array | string }[])
    .map((c) => ({ ...c, body: storedCatalogBody(c.body) }));
  const tables = ['nodes', 'resources', 'edges'].map((t) => raw.prepare(`SELECT * FROM ${t}`).raw().all().map((r) => JSON.stringify(r)).sort());
  return { catalogs, tables };
}

async function answers(p: StoreconfigsProjection): Promise<unknown[]> {
  const engine = createPdbQueryEngine(p.database);
  const queries = storeconfigsQueries(p.database.db);
  return [
    (await engine.queryJson(['from', 'catalogs', ['order_by', ['certname']]])).json,
    ...(await Promise.all(['a.example', 'b.example', 'c.example'].map((n) => queries.catalog(n)))),
  ];
}

describe('stored catalog body', () => {
  // A full catalog read from the log keeps the log's packed bytes as its body; one applied
  // without a log (or read from the tail cache) is serialized and packed anew. Both answer alike.
  it('keeps the log\'s packed bytes for a catalog read from the file, the same bytes as made anew, and answers alike', async () => {
    const path = files.path();
    const writer = new SqliteEventLog({ path, writer: 'inline' });
    await writer.append(EVENTS.map((event) => ({ event })));
    await writer.close();
    const reader = new SqliteEventLog({ path, writer: 'inline' });
    const fromFile = StoreconfigsProjection.open({ path: files.path(), catalogBodies: reader.catalogBodies() });
    const direct = StoreconfigsProjection.open({ path: files.path() });
    try {
      const read: readonly RecordedEvent[] = await reader.read(0);
      fromFile.apply(read);
      direct.apply(recorded(EVENTS));
      assert.deepEqual(rows(fromFile.database.raw), rows(direct.database.raw));
      assert.deepEqual(await answers(fromFile), await answers(direct));

      const raw = new Database(path, { readonly: true });
      const logged = raw.prepare("SELECT data FROM events WHERE event_id IN ('cat-a2', 'cat-b') ORDER BY event_id").pluck().all();
      raw.close();
      const bodies = (p: StoreconfigsProjection) => p.database.raw.prepare('SELECT body FROM catalogs ORDER BY certname').pluck().all();
      assert.deepEqual(bodies(fromFile).slice(0, 2), [logged[0], logged[1]], 'the bodies are the log\'s bytes');
      assert.deepEqual(bodies(direct), bodies(fromFile), 'made anew, the same bytes: a replay stores the same rows');
      assert.equal(fromFile.database.raw.prepare("SELECT typeof(body) FROM catalogs WHERE certname = 'c.example'").pluck().get(), 'text');
    } finally {
      await fromFile.close();
      await direct.close();
      await reader.close();
    }
  });
});
