import { storedCatalogBody } from '../../projections/rows/stored-catalog-body.js';
import type { PackedText } from '../../core/codec/packed-text.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { RecordedEvent, TroupeEvent } from '../../core/events/event.types.js';
import { decodePdbCommand } from '../../core/wire/pdb-command.decoder.js';
import { packageRoot } from '../../ops/config/package-root.js';
import type { ApplyOutcome } from '../../projections/projection.types.js';
import { createPdbQueryEngine, jsonTextOf, type PdbQueryEngine, type PdbQueryOptions } from '../../projections/query/pdb-query.engine.js';
import { parsePaging } from '../../projections/query/query-paging.js';
import { StoreconfigsProjection } from '../../projections/storeconfigs/storeconfigs.projection.js';
import { storeconfigsQueries, type StoreconfigsQueries } from '../../projections/storeconfigs/storeconfigs.queries.js';
import { STORECONFIGS_TABLES } from '../../projections/storeconfigs/storeconfigs.schema.js';
import { cuts, eventSequence, splitAt } from './storeconfigs.arbitraries.js';
import { catalogSubmitted, recorded, resource, storeCatalog, tmpFiles } from './storeconfigs.fixture.js';

/** One open storeconfigs store of a backend: its projection, the query engine on it, and its tables. */
export interface OpenStoreconfigs {
  readonly checkpoint: number;
  apply(batch: readonly RecordedEvent[]): ApplyOutcome | Promise<ApplyOutcome>;
  readonly engine: PdbQueryEngine;
  /** The read API (`troupe serve`'s node, facts, catalog, deploy and priority lookups). */
  readonly queries: StoreconfigsQueries;
  /** Every table's rows (objects), in any order. */
  rows(table: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface StoreconfigsBackend {
  readonly name: string;
  /** Why the suite skips here, or false. */
  readonly skip: string | false;
  /** Opens store `id` (a new, empty one the first time; the same one again after it was closed). */
  open(id: string): Promise<OpenStoreconfigs>;
  cleanup(): Promise<void>;
}

/** The reference every backend must equal: SQLite, in one batch. */
export const SQLITE_BACKEND = (): StoreconfigsBackend => {
  const files = tmpFiles('troupe-contract-');
  return {
    name: 'SQLite',
    skip: false,
    async open(id) {
      const projection = StoreconfigsProjection.open({ path: join(files.dir, `${id}.db`) });
      return {
        get checkpoint() { return projection.checkpoint; },
        apply: (batch) => projection.apply(batch),
        engine: createPdbQueryEngine(projection.database),
        queries: storeconfigsQueries(projection.database.db),
        rows: async (table) => projection.database.raw.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[],
        close: () => projection.close(),
      };
    },
    cleanup: async () => {},
  };
};

/**
 * A table's rows as comparable text, whatever order and key order the
 * backend answers in. A catalog's body is compared as the resources and
 * edges it holds: SQLite stores it deflated (often the log's own bytes),
 * PostgreSQL as JSON text.
 */
async function dump(store: OpenStoreconfigs): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of STORECONFIGS_TABLES) {
    const rows = (await store.rows(t)).map((r) => (t === 'catalogs' ? { ...r, body: storedCatalogBody(r['body'] as PackedText) } : r));
    out[t] = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();
  }
  return out;
}

interface Command { readonly command: string; readonly version: number; readonly payload: unknown }
interface Case { readonly name: string; readonly params: Record<string, unknown>; readonly request: { readonly url: string }; readonly expected: { readonly status: number } }

const CONFORMANCE = join(packageRoot(), 'test/projections/query/conformance');

/** PuppetDB's conformance fleet (fleet.commands.json) as the events its commands become. */
export function conformanceFleet(): TroupeEvent[] {
  const commands = JSON.parse(readFileSync(join(CONFORMANCE, 'fleet.commands.json'), 'utf8')) as Command[];
  return commands.map((c, i) => {
    const decoded = decodePdbCommand({ command: c.command, version: c.version, certname: null, body: c.payload },
      { id: `conformance-${i}`, now: '2026-01-01T12:00:00.000Z', meta: { source: 'test' } });
    if (!decoded.ok) throw new Error(`fleet command ${i}: ${decoded.error.message}`);
    return decoded.value;
  });
}

/** Every recorded conformance request that is one AST query of an entity endpoint or the root: as the engine runs it. */
export function conformanceQueries(): { name: string; ast: unknown; options: PdbQueryOptions }[] {
  const out: { name: string; ast: unknown; options: PdbQueryOptions }[] = [];
  for (const file of readdirSync(join(CONFORMANCE, 'cases')).filter((f) => f.endsWith('.json')).sort()) {
    for (const c of (JSON.parse(readFileSync(join(CONFORMANCE, 'cases', file), 'utf8')) as { cases: Case[] }).cases) {
      const path = new URL(c.request.url, 'http://x').pathname;
      const entity = /^\/pdb\/query\/v4\/([a-z_-]+)$/.exec(path)?.[1];
      const query = c.params['query'];
      if (entity === 'event-counts' || entity === 'aggregate-event-counts') continue;
      const { query: _q, ...rest } = c.params;
      let paging;
      try { paging = parsePaging(rest); } catch { continue; }
      if (entity !== undefined && (query === undefined || Array.isArray(query))) {
        out.push({ name: `${file}/${c.name}`, ast: ['from', entity, ...(query === undefined ? [] : [query])], options: { paging, activeOnly: true } });
      } else if (path === '/pdb/query/v4' && Array.isArray(query)) {
        out.push({ name: `${file}/${c.name}`, ast: query, options: { paging } });
      }
    }
  }
  return out;
}

/** A query's answer, or its refusal, as one comparable value. */
async function answer(engine: PdbQueryEngine, ast: unknown, options: PdbQueryOptions): Promise<unknown> {
  try {
    const { json, total } = await engine.queryJson(ast, options);
    return { rows: JSON.parse(await jsonTextOf(json)), total };
  } catch (e) {
    return { error: (e as Error).name, code: (e as { code?: unknown }).code, message: (e as Error).message };
  }
}

/** Queries over every entity, asked of the property's random stores. */
/**
 * Without `order_by` an answer's rows are a set (PuppetDB promises no order),
 * and rows that tie on every key the engine sorts by may come in either order
 * from the two databases: compare those answers with their rows sorted.
 */
function asSet(query: unknown, answered: unknown): unknown {
  const rows = (answered as { rows?: unknown }).rows;
  if (JSON.stringify(query).includes('"order_by"') || !Array.isArray(rows)) return answered;
  return { ...(answered as object), rows: rows.map((r) => JSON.stringify(r)).sort() };
}

const PROBES: readonly unknown[] = [
  ['from', 'nodes'], ['from', 'facts'], ['from', 'fact_contents'], ['from', 'fact_paths'], ['from', 'fact_names'],
  ['from', 'inventory'], ['from', 'resources'], ['from', 'catalogs'], ['from', 'edges'], ['from', 'environments'],
  ['from', 'producers'], ['from', 'reports'], ['from', 'events'], ['from', 'catalog_inputs'], ['from', 'catalog_input_contents'],
  ['from', 'resources', ['and', ['=', 'exported', true], ['=', ['parameter', 'port'], 80]]],
  ['from', 'resources', ['~', 'tag', '^(web|motd)$']],
  ['from', 'nodes', ['subquery', 'resources', ['=', 'type', 'Sshkey']]],
  ['from', 'facts', ['extract', [['function', 'count'], 'name'], ['group_by', 'name']]],
  ['from', 'facts', ['>', 'value', 0], ['order_by', [['value', 'desc']]]],
  ['from', 'events', ['extract', [['function', 'count'], 'status'], ['group_by', 'status']]],
  ['from', 'reports', ['=', 'latest_report?', true]],
  ['from', 'resources', ['or', ['=', 'line', 3], ['=', 'line', 1.5], ['>', 'line', 2.5]]],
  ['from', 'reports', ['<', 'report_format', 12.5]],
  ['from', 'events', ['~', 'containment_path', 'Web']],
  ['from', 'fact_contents', ['~>', 'path', ['os|role', '.*']]],
  ['from', 'inventory', ['=', 'facts.os', 'x']],
  ['from', 'nodes', ['not', ['=', 'catalog_environment', 'dev']], ['order_by', [['report_timestamp', 'desc']]], ['limit', 2], ['offset', 1]],
];

/** Every read API call on the conformance fleet's nodes, as one comparable value. */
async function readApi(q: StoreconfigsQueries): Promise<unknown> {
  const nodes = await q.listNodes();
  const perNode = await Promise.all(nodes.map(async (n) => [n.certname, await q.node(n.certname), await q.facts(n.certname), await q.catalog(n.certname), await q.reports(n.certname)]));
  return {
    nodes, perNode,
    byFact: [await q.nodesWithFact('os.family', 'Debian'), await q.nodesWithFact('is_virtual', true), await q.nodesWithFact('processors.count', 4), await q.nodesWithFact('kernel', 'Linux')],
    byClass: await q.nodesWithClass('nginx'),
    environment: [await q.nodesOfEnvironment('production', 'none', null, 10), await q.countNodesOfEnvironment('production', 'none')],
    failures: [await q.compileFailures(), await q.projectionFailures()],
  };
}

/**
 * The storeconfigs contract: a backend projects the same events into the
 * same rows and answers every query the same as SQLite in one batch,
 * however the events are batched, redelivered or interrupted by a reopen.
 */
export function storeconfigsContract(backend: StoreconfigsBackend): void {
  const reference = SQLITE_BACKEND();
  let stores = 0;
  const fresh = () => backend.open(`s${++stores}`);
  after(() => backend.cleanup());

  describe(`storeconfigs contract: ${backend.name}`, { skip: backend.skip }, () => {
    it('answers the PuppetDB conformance queries exactly as SQLite does (fleet applied in batches of 5)', async () => {
      const events = recorded(conformanceFleet());
      const expected = await reference.open(`conformance-${stores}`);
      await expected.apply(events);
      const store = await fresh();
      try {
        for (const batch of splitAt(events, events.map((_, i) => i).filter((i) => i > 0 && i % 5 === 0))) await store.apply(batch);
        const queries = conformanceQueries();
        assert.ok(queries.length > 80, `only ${queries.length} conformance queries found`);
        for (const q of queries) {
          assert.deepStrictEqual(await answer(store.engine, q.ast, q.options), await answer(expected.engine, q.ast, q.options), q.name);
        }
        assert.deepStrictEqual(await dump(store), await dump(expected));
        assert.deepStrictEqual(await readApi(store.queries), await readApi(expected.queries));
      } finally {
        await store.close();
        await expected.close();
      }
    });

    it('projects any events, in any batching, into the rows and answers SQLite gives them in one batch', async () => {
      await fc.assert(fc.asyncProperty(eventSequence(30).chain((events) => fc.tuple(fc.constant(events), cuts(events.length))), async ([events, points]) => {
        const all = recorded(events);
        const expected = await reference.open(`prop-${++stores}`);
        const store = await fresh();
        try {
          await expected.apply(all);
          for (const batch of splitAt(all, points)) await store.apply(batch);
          assert.equal(store.checkpoint, all.length);
          assert.deepStrictEqual(await dump(store), await dump(expected));
          for (const q of PROBES) assert.deepStrictEqual(asSet(q, await answer(store.engine, q, {})), asSet(q, await answer(expected.engine, q, {})), JSON.stringify(q));
        } finally {
          await store.close();
          await expected.close();
        }
      }), { numRuns: 40 });
    });

    it('skips redelivered events and keeps its checkpoint and rows across a reopen', async () => {
      const events = recorded(conformanceFleet());
      const id = `reopen-${++stores}`;
      const first = await backend.open(id);
      const applied = await first.apply(events.slice(0, 8));
      assert.equal(applied.applied, 8);
      await first.close();
      const second = await backend.open(id);
      try {
        assert.equal(second.checkpoint, 8);
        const again = await second.apply(events);
        assert.equal(again.skipped, 8);
        assert.equal(again.applied, events.length - 8);
        const expected = await reference.open(`reopen-ref-${stores}`);
        await expected.apply(events);
        assert.deepStrictEqual(await dump(second), await dump(expected));
        await expected.close();
      } finally {
        await second.close();
      }
    });

    it('records an event it cannot apply in projection_failures and applies the others of the batch', async () => {
      const byReference = { ...catalogSubmitted('x.example', storeCatalog([resource('Class', 'main')]), 'by-ref'),
        data: { catalog: storeCatalog([]), bodyOf: 'missing', hash: 'h' } } as TroupeEvent;
      const events = recorded([byReference, catalogSubmitted('y.example', storeCatalog([resource('Class', 'main')]), 'fine')]);
      const store = await fresh();
      try {
        const outcome = await store.apply(events);
        assert.equal(outcome.applied, 1);
        assert.deepEqual(outcome.failed.map((f) => f.eventId), ['by-ref']);
        assert.match(outcome.failed[0]!.reason, /not in the log/);
        assert.deepEqual((await store.rows('projection_failures')).map((r) => r['event_id']), ['by-ref']);
        assert.deepEqual((await store.rows('catalogs')).map((r) => r['certname']), ['y.example']);
      } finally {
        await store.close();
      }
    });
  });
}
