import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FactsSubmitted, ReportSubmitted, TroupeEvent } from '../../../core/events/event.types.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { storeconfigsQueries } from '../../../projections/storeconfigs/storeconfigs.queries.js';
import { catalogSubmitted, deactivated, recorded, storeCatalog, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-sc-deployable-');
const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

const facts = (certname: string, environment: string, id: string): FactsSubmitted => ({
  type: 'facts_submitted', id, stream: certname, time: at(1), meta: { source: 'test' },
  data: { environment, producerTimestamp: at(1), producer: 'p', values: { role: 'web' } },
});
const report = (certname: string, environment: string, id: string): ReportSubmitted => ({
  type: 'report_submitted', id, stream: certname, time: at(1), meta: { source: 'test' },
  data: {
    environment, producerTimestamp: at(1), status: 'unchanged', noop: false, configurationVersion: '1',
    transactionUuid: null, catalogUuid: null, startTime: at(1), endTime: at(1), puppetVersion: '7.23.0', body: { logs: [] },
  },
});

const node = fc.record({
  environment: fc.constantFrom('production', 'staging'),
  withFacts: fc.boolean(),
  deactivated: fc.boolean(),
  // The code version its stored catalog was compiled with; undefined: no catalog.
  catalogCode: fc.constantFrom(undefined, null, 'c1', 'c2'),
});

describe('storeconfigs: the nodes a deployment affects', () => {
  it('pages through exactly the active nodes of the environment that have facts and no catalog of the deployed code, each once, in order', async () => {
    await fc.assert(fc.asyncProperty(fc.array(node, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), async (nodes, pageSize) => {
      const p = StoreconfigsProjection.open({ path: files.path() });
      try {
        const events: TroupeEvent[] = nodes.flatMap((n, i) => {
          const certname = `n${String(i).padStart(3, '0')}.test`;
          return [
            n.withFacts ? facts(certname, n.environment, `f${i}`) : report(certname, n.environment, `r${i}`),
            ...(n.catalogCode === undefined ? [] : [catalogSubmitted(certname, storeCatalog([], { environment: n.environment, codeId: n.catalogCode, producerTimestamp: at(1) }), `c${i}`)]),
            ...(n.deactivated ? [deactivated(certname, at(2), `d${i}`)] : []),
          ];
        });
        p.apply(recorded(events));
        const q = storeconfigsQueries(p.database.db);
        const expected = nodes.flatMap((n, i) => (n.environment === 'production' && n.withFacts && !n.deactivated && n.catalogCode !== 'c1' ? [`n${String(i).padStart(3, '0')}.test`] : []));
        const seen: string[] = [];
        for (let after: string | null = null; ;) {
          const page = await q.nodesOfEnvironment('production', 'c1', after, pageSize);
          assert.ok(page.length <= pageSize);
          seen.push(...page);
          if (page.length < pageSize) break;
          after = page[page.length - 1]!;
        }
        assert.deepEqual(seen, expected);
        assert.equal(await q.countNodesOfEnvironment('production', 'c1'), expected.length);
      } finally {
        await p.close();
      }
    }), { numRuns: 40 });
  });
});
