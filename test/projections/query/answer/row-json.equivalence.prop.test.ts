import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { compileQuery, decoderOf } from '../../../../projections/query/compiler/query-compiler.js';
import type { FieldSpec } from '../../../../projections/query/compiler/query-entities.js';
import { registerQueryFunctions } from '../../../../projections/query/compiler/query-functions.sqlite.js';
import { columnJson, rowJson } from '../../../../projections/query/answer/row-json.sql.js';

const raw = new Database(':memory:');
registerQueryFunctions(raw);
raw.exec('CREATE TABLE t (v ANY, w ANY)'); // no affinity: values stay as bound
const db = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: raw }) });
after(() => db.destroy());

const noRow = () => (): never => { throw new Error('no other column'); };

/** `row` stored, then answered by SQL (`sqlOf`) and by JavaScript (`jsOf` of the values as read back). */
function bothWays(row: readonly unknown[], sqlOf: () => ReturnType<typeof columnJson>, jsOf: (stored: unknown[]) => string): [unknown, string] {
  raw.prepare('DELETE FROM t').run();
  raw.prepare('INSERT INTO t (v, w) VALUES (?, ?)').run(...(row as never[]));
  const { sql: text, parameters } = sql`SELECT ${sqlOf()!} FROM t`.compile(db);
  const stored = raw.prepare('SELECT v, w FROM t').raw().get() as unknown[];
  return [raw.prepare(text).pluck().get(...parameters), jsOf(stored)];
}

const digits = (n: number, max = 10 ** n - 1) => fc.integer({ min: 0, max }).map((x) => String(x).padStart(n, '0'));
/** The right shape, each part around its valid range (Feb 29–31, month 13, hour 24, leap years). */
const isoLike = fc.tuple(fc.oneof(digits(4), fc.constantFrom('2000', '1900', '2024', '2026', '0000')), digits(2, 13), digits(2, 32), digits(2, 25), digits(2, 61), digits(2, 61), digits(3))
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
const realDate = fc.date({ min: new Date(-62167219200000), max: new Date(253402300799999), noInvalidDate: true }).map((d) => d.toISOString());
const otherTime = fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+00:00'));
/** What a column may hold: text of any code units, integers (past 2^53 too), reals, null, blobs, timestamps. */
const stored = fc.oneof(
  fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(null, 0, 1, 1.0, 2, '1', 'true', '"quoted"'),
  fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b)), isoLike, isoLike, isoLike, realDate, otherTime,
);
const SPECS: readonly FieldSpec[] = [
  { type: 'string' }, { type: 'numeric' }, { type: 'timestamp' }, { type: 'boolean' }, { type: 'string', answeredAs: 'timestamp' },
  { type: 'array', storedJson: true }, { type: 'json-scalar', storedJson: true },
];

describe('answer rows written by SQL (row-json.sql.ts)', () => {
  it('answer each value exactly as JSON.stringify of its decoder does', () => {
    fc.assert(fc.property(fc.constantFrom(...SPECS), stored, (spec, v) => {
      const decode = decoderOf(spec);
      const [bySql, byJs] = bothWays([v, null], () => columnJson(spec, sql.ref('t.v')),
        ([value]) => (spec.storedJson ? String(value ?? 'null') : JSON.stringify(decode(value, noRow()))));
      assert.equal(bySql, byJs, `${JSON.stringify(spec)} ${typeof v} ${String(v)}`);
    }), { numRuns: 3000 });
  });

  it('leave to JavaScript what only a decoder of its own or a JSON parse can answer', () => {
    assert.equal(columnJson({ type: 'json' }, sql.ref('t.v')), undefined);
    assert.equal(columnJson({ type: 'queryable-json' }, sql.ref('t.v')), undefined);
    assert.equal(columnJson({ type: 'string', decode: (v) => v }, sql.ref('t.v')), undefined);
  });

  it('write a row as JSON.stringify writes the object of its decoded values', () => {
    fc.assert(fc.property(fc.constantFrom(...SPECS), fc.constantFrom(...SPECS), stored, stored, fc.string(), (a, b, v, w, name) => {
      const columns = [{ name, spec: a, at: 0 }, { name: `${name}"2`, spec: b, at: 1 }];
      const [bySql, byJs] = bothWays([v, w],
        () => rowJson(columns.map((c) => ({ name: c.name, json: columnJson(c.spec, sql.ref(c.at === 0 ? 't.v' : 't.w'))! }))),
        (values) => {
          const parts = columns.map((c) => `${JSON.stringify(c.name)}:${c.spec.storedJson ? String(values[c.at] ?? 'null') : JSON.stringify(decoderOf(c.spec)(values[c.at], noRow()))}`);
          return `{${parts.join(',')}}`;
        });
      assert.equal(bySql, byJs);
    }), { numRuns: 500 });
  });
});

describe('queries answered by rows SQL writes', () => {
  const db2 = new Kysely<never>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  after(() => db2.destroy());
  const written = (ast: unknown[]) => compileQuery(db2 as never, ast, { activeOnly: true, maxRows: 100 }).jsonAnswer !== undefined;
  it('are the large ones: all nodes, resources, facts, a paged nodes list', () => {
    assert.ok(written(['from', 'nodes']));
    assert.ok(written(['from', 'resources', ['=', 'type', 'Sshkey']]));
    assert.ok(written(['from', 'facts']));
    assert.ok(written(['from', 'nodes', ['extract', ['certname', 'deactivated']], ['order_by', [['certname', 'desc']]], ['limit', 5]]));
  });
  it('are not those with functions, groups, JSON to parse or one value per row', () => {
    assert.ok(!written(['from', 'nodes', ['extract', [['function', 'count'], 'latest_report_status'], ['group_by', 'latest_report_status']]]));
    assert.ok(!written(['from', 'catalogs']));
    assert.ok(!written(['from', 'inventory', ['extract', ['certname', 'facts.os.family']]]));
    assert.ok(!written(['from', 'fact_names']));
    assert.ok(compileQuery(db2 as never, ['from', 'nodes'], {}).jsonAnswer === undefined, 'unbounded: no LIMIT to keep its ORDER BY');
  });
});
