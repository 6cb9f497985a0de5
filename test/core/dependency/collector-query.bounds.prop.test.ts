import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ExportedResource, ExportedResourceQuery } from '../../../core/compiler/catalog-compiler.js';
import { capitalizeType } from '../../../core/compiler/exported-resource-filter.js';
import { collects, recordCollectorQueries } from '../../../core/dependency/collector-query.js';

const TYPES = ['nagios_host', 'Nagios_host', 'ssh::key', 'File', 'Concat::Fragment', 'Sshkey'];
const ranQuery: fc.Arbitrary<ExportedResourceQuery> = fc.record({
  type: fc.constantFrom(...TYPES),
  filter: fc.option(fc.record({ op: fc.constantFrom('==' as const, '!=' as const), attribute: fc.constantFrom('tag', 'title', 'port'), value: fc.constantFrom<unknown>('a', 'b', 80) }), { nil: undefined }),
}).map(({ type, filter }) => ({ type, excludeCertname: 'self.test', ...(filter ? { filter } : {}) }));
const resource: fc.Arbitrary<ExportedResource> = fc.record({
  type: fc.constantFrom(...TYPES.map(capitalizeType)),
  title: fc.constantFrom('a', 'b'),
  tags: fc.subarray(['a', 'b']),
  parameters: fc.record({ port: fc.constantFrom<unknown>(80, 443) }, { requiredKeys: [] }),
}).map((r) => ({ ...r, certname: 'other.test', exported: true as const, file: null, line: null, environment: 'production' }));

describe("a compile's recorded collector queries", () => {
  it('are at most the bound, and collect every resource some query the compile ran would (widening never loses one)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(ranQuery, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), fc.array(resource, { maxLength: 20 }), async (ran, max, resources) => {
      const recorder = recordCollectorQueries({ find: async () => [] }, max);
      for (const q of ran) await recorder.lookup.find(q);
      const recorded = recorder.queries();
      assert.ok(recorded.length <= max, `${recorded.length} > ${max}`);
      for (const q of ran) {
        for (const r of resources) {
          const normal = { type: capitalizeType(q.type), ...(q.filter ? { filter: q.filter } : {}) };
          if (collects(normal, r)) assert.ok(recorded.some((x) => collects(x, r)), `${r.type}[${r.title}] collected by ${JSON.stringify(q)} but by no recorded query`);
        }
      }
    }), { numRuns: 300 });
  });

  it('pass lookups through unchanged', async () => {
    const found: ExportedResource[] = [{ certname: 'b.test', type: 'Sshkey', title: 'b', exported: true, tags: [], file: null, line: null, environment: 'production', parameters: {} }];
    const recorder = recordCollectorQueries({ find: async () => found });
    assert.equal(await recorder.lookup.find({ type: 'sshkey', excludeCertname: 'a.test' }), found);
    assert.deepEqual(recorder.queries(), [{ type: 'Sshkey' }]);
  });
});
