import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { reportSubmitted } from '../query/query.fixture.js';
import { ev, res } from '../query/reports.fixture.js';
import { recorded, tmpFiles } from '../storeconfigs.fixture.js';

const run = (at: string) => reportSubmitted('n1', at, 'changed', { resources: [res('File', `/${at}`, [ev('success'), ev('noop', 'mode')])] });

describe('report retention', () => {
  it('keeps the newest reportRetention reports per node and drops the others\' events with them', async () => {
    const p = StoreconfigsProjection.open({ path: tmpFiles('troupe-retention-').path(), reportRetention: 2 });
    try {
      // Arrival order is not producer order: the oldest run arrives last and is pruned at once.
      p.apply(recorded([run('2026-01-01T11:00:00.000Z'), run('2026-01-01T12:00:00.000Z'), run('2026-01-01T10:00:00.000Z')]));
      const raw = p.database.raw;
      const reports = raw.prepare('SELECT event_id FROM reports ORDER BY producer_ms').pluck().all();
      assert.deepEqual(reports, ['r-n1-2026-01-01T11:00:00.000Z', 'r-n1-2026-01-01T12:00:00.000Z']);
      const events = raw.prepare('SELECT DISTINCT report_id FROM resource_events ORDER BY report_id').pluck().all();
      assert.deepEqual(events, reports);
      assert.equal(raw.prepare('SELECT count(*) FROM resource_events').pluck().get(), 4);
    } finally {
      await p.close();
    }
  });
});
