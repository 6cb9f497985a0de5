import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ResourceFilter } from '../../core/compiler/catalog-compiler.js';
import { createPdbQueryEngine } from '../../projections/query/pdb-query.engine.js';
import { exportedResourceLookup } from '../../projections/exported-resources.query.js';
import { matches } from '../../core/compiler/exported-resource-filter.js';
import { StoreconfigsProjection } from '../../projections/storeconfigs/storeconfigs.projection.js';
import { catalogSubmitted, recorded, resource, storeCatalog, tmpFiles } from './storeconfigs.fixture.js';

const files = tmpFiles('troupe-er-prop-');
const VALUES = [80, '80', 8080, 'a', 'b', 'Web', 'web', true, null, { x: 1 }] as const;
const value = fc.constantFrom<unknown>(...VALUES);
const paramValue = fc.oneof(value, fc.array(value, { maxLength: 3 }));
const attribute = fc.constantFrom('tag', 'title', 'port', 'groups', 'odd key');

const filter: fc.Arbitrary<ResourceFilter> = fc.letrec<{ f: ResourceFilter }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constantFrom('==' as const, '!=' as const), attribute, value: fc.oneof(value, fc.constantFrom('a', 'web', 'web1')) }),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), left: tie('f'), right: tie('f') }),
  ),
})).f;

const exportedResource = fc.record({
  title: fc.constantFrom('web1', 'a', 'b', '80'),
  tags: fc.subarray(['web', 'db', 'a', 'nagios_host']),
  parameters: fc.dictionary(fc.constantFrom('port', 'groups', 'odd key'), paramValue),
});

describe('exportedResourceLookup filtering', () => {
  it('returns exactly the resources the collector semantics match', async () => {
    // Invariant: the SQL prefilter only narrows — the lookup equals evaluating `matches` over every candidate.
    await fc.assert(fc.asyncProperty(
      fc.array(fc.uniqueArray(exportedResource, { selector: (r) => r.title, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      filter,
      async (perNode, f) => {
        const p = StoreconfigsProjection.open({ path: files.path() });
        p.apply(recorded(perNode.map((rs, i) => catalogSubmitted(`n${i}`, storeCatalog(
          rs.map((r) => resource('Nagios_host', r.title, { exported: true, tags: r.tags, parameters: r.parameters }))), `c${i}`))));
        const found = (await exportedResourceLookup(createPdbQueryEngine(p.database)).find({ type: 'Nagios_host', excludeCertname: 'none', filter: f }))
          .map((r) => `${r.certname}/${r.title}`);
        await p.close();
        const expected = perNode.flatMap((rs, i) => rs.filter((r) => matches(f, r)).map((r) => `n${i}/${r.title}`)).sort();
        assert.deepEqual(found, expected);
      }), { numRuns: 60 });
  });
});
