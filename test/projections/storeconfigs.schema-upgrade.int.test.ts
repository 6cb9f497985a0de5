import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { StoreconfigsProjection } from '../../projections/storeconfigs.projection.js';
import { STORECONFIGS_SCHEMA_VERSION } from '../../projections/storeconfigs.schema.js';
import { REPORTS } from './query/reports.fixture.js';
import { dumpTables, recorded, tmpFiles } from './storeconfigs.fixture.js';

/** Turns a version 2 file back into the version 1 layout (reports without their v2 columns, no resource_events, v1's indexes). */
function downgradeTo1(path: string): void {
  const raw = new Database(path);
  raw.exec(`DROP INDEX reports_by_hash; DROP TABLE resource_events;
    DROP INDEX reports_by_node_latest; CREATE INDEX reports_by_node ON reports (certname, producer_ms, event_id);`);
  for (const c of ['hash', 'receive_time', 'noop_pending', 'corrective_change', 'cached_catalog_status', 'code_id', 'job_id', 'producer', 'report_format', 'type']) {
    raw.exec(`ALTER TABLE reports DROP COLUMN ${c}`);
  }
  raw.pragma('user_version = 1');
  raw.close();
}

describe('storeconfigs schema upgrade', () => {
  it('upgrades a version 1 file to the rows the projection stores (report columns, resource events)', async () => {
    const path = tmpFiles('troupe-upgrade-').path();
    const fresh = StoreconfigsProjection.open({ path });
    fresh.apply(recorded(REPORTS));
    const expected = dumpTables(fresh.database.raw);
    assert.ok(expected['resource_events']!.length > 0);
    await fresh.close();
    downgradeTo1(path);
    const upgraded = StoreconfigsProjection.open({ path });
    try {
      assert.equal(upgraded.database.raw.pragma('user_version', { simple: true }), STORECONFIGS_SCHEMA_VERSION);
      assert.deepEqual(dumpTables(upgraded.database.raw), expected);
    } finally {
      await upgraded.close();
    }
  });
});
