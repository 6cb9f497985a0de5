import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { selectedDeployableNodes } from '../../../actors/deploy/selected-deployable-nodes.js';

const names = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { maxLength: 1200 }).map((a) => a.sort());

describe('selectedDeployableNodes', () => {
  it('pages through exactly the selected deployable nodes, in order, once each, whatever the page size', async () => {
    await fc.assert(fc.asyncProperty(names, fc.func(fc.boolean()), fc.integer({ min: 1, max: 700 }), async (deployable, pick, limit) => {
      const selected = new Set(deployable.filter((n) => pick(n)));
      selected.add('not-deployable');
      const nodes = selectedDeployableNodes({
        count: async () => deployable.length,
        page: async (_e, _c, after, n) => deployable.filter((c) => after === null || c > after).slice(0, n),
      }, selected);
      const seen: string[] = [];
      for (let after: string | null = null; ;) {
        const page = await nodes.page('production', 'v2', after, limit);
        seen.push(...page);
        if (page.length < limit) break;
        after = page[page.length - 1]!;
      }
      const expected = deployable.filter((n) => selected.has(n));
      assert.deepEqual(seen, expected);
      assert.equal(await nodes.count('production', 'v2'), expected.length);
    }), { numRuns: 60 });
  });
});
