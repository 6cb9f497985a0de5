import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { QueryError } from '../../../projections/query/query-error.js';
import { loadedEngine } from './query.fixture.js';

const { engine, projection } = loadedEngine();
after(() => projection.close());

const ENTITIES = ['nodes', 'facts', 'fact_contents', 'fact_paths', 'fact_names', 'inventory', 'resources', 'catalogs', 'edges', 'environments', 'producers', 'reports', 'x'];
const FIELDS = ['certname', 'name', 'value', 'path', 'type', 'title', 'tag', 'tags', 'exported', 'line', 'parameters.port', 'facts.os.family',
  'deactivated', 'facts_timestamp', 'node_state', 'environment', 'nope', ''];
const OPS = ['=', '<', '>', '<=', '>=', '~', '~>', 'null?', 'and', 'or', 'not', 'in', 'extract', 'from', 'subquery', 'array', 'function',
  'group_by', 'limit', 'offset', 'order_by', 'select_facts', 'select_nodes', 'select-facts', 'fact', 'node', 'parameter', 'count', 'avg', 'bogus'];

/** Query-shaped JSON: the language's words in random arrangements, plus arbitrary JSON leaves. */
const leaf = fc.oneof(fc.constantFrom<unknown>(...FIELDS, ...OPS, ...ENTITIES, true, false, null, 0, -1, 1.5, 80, 'Debian', '(', '^web', '2026-01-01', []),
  fc.jsonValue({ maxDepth: 2 }));
const node: fc.Arbitrary<unknown> = fc.letrec<{ n: unknown }>((tie) => ({
  n: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('n'), { maxLength: 5 }),
    fc.tuple(fc.constantFrom(...OPS), tie('n'), tie('n')).map((t) => [...t])),
})).n;
const query = fc.oneof(node, fc.tuple(fc.constant('from'), fc.constantFrom(...ENTITIES), node).map((t) => [...t]),
  fc.tuple(fc.constant('from'), fc.constantFrom(...ENTITIES), node, node).map((t) => [...t]));

describe('the engine on hostile queries', () => {
  it('answers rows or refuses with a QueryError (PuppetDB\'s 400), never anything else', async () => {
    await fc.assert(fc.asyncProperty(query, fc.boolean(), async (q, activeOnly) => {
      try {
        const r = await engine.query(q, { activeOnly });
        assert.ok(Array.isArray(r.rows));
      } catch (e) {
        assert.ok(e instanceof QueryError, `${JSON.stringify(q)} threw ${String(e)}`);
      }
    }), { numRuns: 1500 });
  });
  it('deep and wide queries are refused as too complex, not failed', async () => {
    let deep: unknown = ['=', 'certname', 'web1'];
    for (let i = 0; i < 3000; i++) deep = ['not', deep];
    await assert.rejects(engine.query(['from', 'nodes', deep]), QueryError);
    const wide = ['or', ...Array.from({ length: 40_000 }, (_, i) => ['=', 'certname', `n${i}`])];
    await assert.rejects(engine.query(['from', 'nodes', wide]), QueryError);
  });
});
