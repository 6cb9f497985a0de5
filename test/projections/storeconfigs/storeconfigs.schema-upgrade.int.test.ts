import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { unpackText, type PackedText } from '../../../core/codec/packed-text.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { storeconfigsQueries } from '../../../projections/storeconfigs/storeconfigs.queries.js';
import { STORECONFIGS_SCHEMA_VERSION } from '../../../projections/storeconfigs/storeconfigs.schema.js';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { FLEET } from '../query/query.fixture.js';
import { REPORTS } from '../query/reports.fixture.js';
import { catalogSubmitted, dumpTables, recorded, resource, storeCatalog, tmpFiles } from '../storeconfigs.fixture.js';

/** Catalog bodies as versions 1 and 2 stored them: JSON text. */
function unpackBodies(raw: Database.Database): void {
  const rows = raw.prepare('SELECT certname, body FROM catalogs').raw().all() as [string, PackedText][];
  for (const [certname, body] of rows) raw.prepare('UPDATE catalogs SET body = ? WHERE certname = ?').run(unpackText(body), certname);
}

/** Catalogs long enough to be packed and one too short to be. */
const CATALOGS = [
  catalogSubmitted('big.example', storeCatalog(Array.from({ length: 40 }, (_, i) => resource('File', `/etc/f${i}`, { parameters: { mode: '0644', content: 'x'.repeat(i) } }))), 'cat-big'),
  catalogSubmitted('small.example', storeCatalog([]), 'cat-small'),
];

/** Turns a version 4 file back into the version 3 layout (facts in a rowid table with its key's index). */
function downgradeTo3(raw: Database.Database): void {
  raw.exec(`CREATE TABLE facts_v3 (certname TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (certname, name));
    INSERT INTO facts_v3 SELECT certname, name, value FROM facts; DROP TABLE facts; ALTER TABLE facts_v3 RENAME TO facts;
    CREATE INDEX facts_by_name_value ON facts (name, certname, value);`);
  raw.pragma('user_version = 3');
}

/** Turns a version 4 file back into the version 2 layout (resources without their hash, v2's indexes, catalog bodies as text). */
function downgradeTo2(raw: Database.Database): void {
  downgradeTo3(raw);
  unpackBodies(raw);
  raw.exec(`DROP INDEX resources_exported; ALTER TABLE resources DROP COLUMN resource;
    CREATE INDEX resources_exported ON resources (type, certname, title, exported, tags, parameters, file, line) WHERE exported = 1;
    DROP INDEX facts_by_name_value; CREATE INDEX facts_by_name ON facts (name);`);
  raw.pragma('user_version = 2');
}

/** Turns a version 4 file back into the version 1 layout (reports without their v2 columns, no resource_events, v1's indexes). */
function downgradeTo1(raw: Database.Database): void {
  downgradeTo2(raw);
  raw.exec(`DROP INDEX reports_by_hash; DROP TABLE resource_events;
    DROP INDEX reports_by_node_latest; CREATE INDEX reports_by_node ON reports (certname, producer_ms, event_id);`);
  for (const c of ['hash', 'receive_time', 'noop_pending', 'corrective_change', 'cached_catalog_status', 'code_id', 'job_id', 'producer', 'report_format', 'type']) {
    raw.exec(`ALTER TABLE reports DROP COLUMN ${c}`);
  }
  raw.pragma('user_version = 1');
}

/** The projection of `events` into a file, downgraded, opened again: its rows must be the projection's. */
async function upgradedEqualsProjected(events: readonly TroupeEvent[], downgrade: (raw: Database.Database) => void): Promise<Record<string, string[]>> {
  const path = tmpFiles('troupe-upgrade-').path();
  const fresh = StoreconfigsProjection.open({ path });
  fresh.apply(recorded(events));
  const expected = dumpTables(fresh.database.raw);
  await fresh.close();
  const raw = new Database(path);
  downgrade(raw);
  raw.close();
  const upgraded = StoreconfigsProjection.open({ path });
  try {
    assert.equal(upgraded.database.raw.pragma('user_version', { simple: true }), STORECONFIGS_SCHEMA_VERSION);
    assert.deepEqual(dumpTables(upgraded.database.raw), expected);
    const indexes = upgraded.database.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('facts_by_name', 'facts_by_name_value')").pluck().all();
    assert.deepEqual(indexes, ['facts_by_name_value']);
    const facts = upgraded.database.raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'facts'").pluck().get() as string;
    assert.match(facts, /WITHOUT ROWID/);
  } finally {
    await upgraded.close();
  }
  return expected;
}

describe('storeconfigs schema upgrade', () => {
  it('upgrades a version 1 file to the rows the projection stores (report columns, resource events)', async () => {
    const expected = await upgradedEqualsProjected([...REPORTS, ...FLEET, ...CATALOGS], downgradeTo1);
    assert.ok(expected['resource_events']!.length > 0);
    assert.ok(expected['resources']!.length > 0);
  });

  it('upgrades a version 3 file to the rows the projection stores (facts without rowid)', async () => {
    const expected = await upgradedEqualsProjected([...FLEET, ...CATALOGS], downgradeTo3);
    assert.ok(expected['facts']!.length > 0);
  });

  it('upgrades a version 2 file to the rows the projection stores (resource hashes)', async () => {
    const expected = await upgradedEqualsProjected(FLEET, downgradeTo2);
    assert.ok(expected['resources']!.length > 0);
  });

  it('upgrades a version 2 file: catalog bodies packed as the projection packs them, answered unchanged', async () => {
    const path = tmpFiles('troupe-upgrade-').path();
    const fresh = StoreconfigsProjection.open({ path });
    fresh.apply(recorded(CATALOGS));
    const expected = dumpTables(fresh.database.raw);
    const answers = await Promise.all(CATALOGS.map((c) => storeconfigsQueries(fresh.database.db).catalog(c.stream)));
    const kinds = fresh.database.raw.prepare('SELECT typeof(body) FROM catalogs ORDER BY certname').pluck().all();
    assert.deepEqual(kinds, ['blob', 'text'], 'the big body packed, the small one text');
    await fresh.close();
    const raw = new Database(path);
    downgradeTo2(raw);
    raw.close();
    const upgraded = StoreconfigsProjection.open({ path });
    try {
      assert.equal(upgraded.database.raw.pragma('user_version', { simple: true }), STORECONFIGS_SCHEMA_VERSION);
      assert.deepEqual(dumpTables(upgraded.database.raw), expected);
      assert.deepEqual(upgraded.database.raw.prepare('SELECT typeof(body) FROM catalogs ORDER BY certname').pluck().all(), kinds);
      assert.deepEqual(await Promise.all(CATALOGS.map((c) => storeconfigsQueries(upgraded.database.db).catalog(c.stream))), answers);
    } finally {
      await upgraded.close();
    }
  });
});
