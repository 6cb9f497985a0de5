import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { reportResources } from '../storeconfigs.arbitraries.js';
import { loadedEngine, reportSubmitted } from './query.fixture.js';

const RUNS = { numRuns: 25 };
type Row = Record<string, unknown>;

/** Up to 3 reports on each of a few nodes, each with random resources and events. */
const fleet = fc.array(fc.record({ node: fc.constantFrom('a', 'b', 'c'), minute: fc.nat(30), resources: reportResources }), { maxLength: 8 })
  .map((rs) => rs.map((r, i): TroupeEvent => {
    const at = new Date(Date.UTC(2026, 0, 1, 0, r.minute, i)).toISOString();
    return reportSubmitted(r.node, at, 'changed', { resources: r.resources });
  }));

const STATUS_COUNT: Record<string, string> = { failure: 'failures', success: 'successes', noop: 'noops', skipped: 'skips' };
const SUBJECT: Record<string, (e: Row) => Row> = {
  resource: (e) => ({ type: e['resource_type'], title: e['resource_title'] }),
  containing_class: (e) => ({ title: e['containing_class'] }),
  certname: (e) => ({ title: e['certname'] }),
};
const COUNTED: Record<string, (e: Row) => unknown[]> = {
  resource: (e) => [e['certname'], e['resource_type'], e['resource_title']],
  certname: (e) => [e['certname']],
};

/** event-counts by definition: the events query's rows, distinct objects per subject and status, counted. */
function expectedCounts(events: readonly Row[], summarizeBy: string, countBy: string): Map<string, Row> {
  const seen = new Set<string>();
  const out = new Map<string, Row>();
  for (const e of events) {
    const subject = SUBJECT[summarizeBy]!(e);
    const key = JSON.stringify(subject);
    const distinct = JSON.stringify([key, COUNTED[countBy]!(e), e['status']]);
    const row = out.get(key) ?? { subject_type: summarizeBy, subject, failures: 0, successes: 0, noops: 0, skips: 0 };
    out.set(key, row);
    if (seen.has(distinct)) continue;
    seen.add(distinct);
    const count = STATUS_COUNT[e['status'] as string];
    if (count) row[count] = (row[count] as number) + 1;
  }
  return out;
}

describe('event-counts (property)', () => {
  it('equal the events query\'s rows counted per subject, for every summarize_by and count_by, and aggregate them', async () => {
    await fc.assert(fc.asyncProperty(fleet, fc.boolean(), async (events, latestOnly) => {
      const { engine, projection } = loadedEngine(events);
      try {
        const query = latestOnly ? ['=', 'latest_report?', true] : undefined;
        const rows = (await engine.query(['from', 'events', ...(query ? [query] : [])], {})).rows as Row[];
        for (const summarizeBy of Object.keys(SUBJECT)) {
          for (const countBy of Object.keys(COUNTED)) {
            const got = await engine.eventCounts({ summarizeBy, countBy, ...(query ? { query } : {}) });
            const expected = expectedCounts(rows, summarizeBy, countBy);
            assert.deepEqual(new Map(got.rows.map((r) => [JSON.stringify(r.subject), r])), expected);
          }
          const [aggregate] = await engine.aggregateEventCounts({ summarizeBy, ...(query ? { query } : {}) });
          const counts = [...expectedCounts(rows, summarizeBy, 'resource').values()];
          const subjectsWith = (c: string) => counts.filter((r) => (r[c] as number) > 0).length;
          assert.deepEqual(aggregate, {
            summarize_by: summarizeBy, successes: subjectsWith('successes'), failures: subjectsWith('failures'),
            noops: subjectsWith('noops'), skips: subjectsWith('skips'), total: counts.length,
          });
        }
      } finally {
        await projection.close();
      }
    }), RUNS);
  });
});
