import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { answerJson, rowDecoder } from '../../../../projections/query/answer/answer-json.js';
import type { OutputColumn } from '../../../../projections/query/compiler/query-compiler.js';
import { isCanonicalIso, isoTimestamp } from '../../../../projections/query/compiler/query-functions.sqlite.js';
import { ENTITIES } from '../../../../projections/query/compiler/query-entities.js';
import { jsonTextOf } from '../../../../projections/query/pdb-query.engine.js';
import { FLEET, loadedEngine } from '../query.fixture.js';

const RUNS = { numRuns: 200 };

/** A column as the compiler makes them: stored JSON spliced, or decoded (here: kept, or read with another column). */
const columnSpec = fc.record({ storedJson: fc.boolean(), readsFirst: fc.boolean() });
const jsonValue = fc.jsonValue().map((v) => JSON.stringify(v));
const scalar = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));

const columnsOf = (specs: readonly { storedJson: boolean; readsFirst: boolean }[]): OutputColumn[] =>
  specs.map((s, i) => (s.storedJson
    ? { name: `c${i}`, storedJson: true, decode: (v) => (v === null ? null : JSON.parse(String(v))) }
    : { name: i % 3 === 0 ? `"${i}"\n` : `c${i}`, decode: s.readsFirst ? (v, field) => [v, field('c0') ?? null] : (v) => v ?? null }));

describe('answerJson', () => {
  it('is exactly JSON.stringify of the decoded rows, stored JSON spliced as stored', () => {
    fc.assert(fc.property(
      fc.array(columnSpec, { minLength: 1, maxLength: 8 }).chain((specs) => fc.tuple(
        fc.constant(specs),
        fc.array(fc.tuple(...specs.map((s) => (s.storedJson ? fc.option(jsonValue, { nil: null }) : scalar))), { maxLength: 5 }),
      )),
      ([specs, rows]) => {
        const columns = columnsOf(specs);
        assert.equal(answerJson(columns, rows), JSON.stringify(rows.map(rowDecoder(columns))));
      },
    ), RUNS);
  });

  it('answers a flattened column as an array of its values', () => {
    const columns: OutputColumn[] = [{ name: 'name', decode: (v) => v }];
    assert.equal(answerJson(columns, [['a'], ['b"']], 'name'), '["a","b\\""]');
  });
});

describe('isoTimestamp', () => {
  it('answers a canonical timestamp as it is, and anything else as Date would', () => {
    const slow = (v: string): unknown => { const ms = Date.parse(v); return Number.isFinite(ms) ? new Date(ms).toISOString() : v; };
    const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
    const isoLike = fc.tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    const real = fc.date({ min: new Date(-62167219200000), max: new Date(253402300799999), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(fc.property(fc.oneof(isoLike, real, fc.string()), (v) => {
      assert.equal(isoTimestamp(v), slow(v));
      if (isCanonicalIso(v)) assert.equal(slow(v), v);
    }), { numRuns: 2000 });
  });
});

describe('queryJson', () => {
  const { engine, projection } = loadedEngine(FLEET);
  after(() => projection.close());
  it('answers the same rows as query, as JSON text, for every entity', async () => {
    for (const entity of ['nodes', 'facts', 'fact_names', 'fact_contents', 'inventory', 'resources', 'catalogs', 'edges', 'reports', 'events', 'environments']) {
      // Orders and pages too: the rows SQL writes are joined in the paged select's order.
      const orders = ['certname', 'name', 'title', 'hash'].filter((f) => f in (ENTITIES.get(entity)?.fields ?? {}));
      for (const ast of [['from', entity], ['from', entity, ['limit', 2]],
        ...orders.flatMap((f) => [['from', entity, ['order_by', [[f, 'desc']]]], ['from', entity, ['order_by', [[f, 'desc']]], ['limit', 2], ['offset', 1]]])]) {
        const [objects, text] = await Promise.all([engine.query(ast, { activeOnly: true }), engine.queryJson(ast, { activeOnly: true })]);
        assert.equal(await jsonTextOf(text.json), JSON.stringify(objects.rows), entity);
      }
    }
    const paged = await engine.queryJson(['from', 'nodes', ['extract', ['certname']]], { paging: { limit: 1, includeTotal: true } });
    assert.equal(paged.total, 4); // the deactivated node too: no activeOnly
    assert.equal((JSON.parse(await jsonTextOf(paged.json)) as unknown[]).length, 1);
  });
});
