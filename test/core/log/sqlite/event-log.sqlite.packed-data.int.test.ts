import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteEventLog } from '../../../../core/log/sqlite/event-log.sqlite.js';
import { catalogSubmitted, resource, storeCatalog, tmpFiles } from '../../../projections/storeconfigs.fixture.js';
import { factsEvent } from '../../../support/events.fixture.js';

const files = tmpFiles('troupe-log-packed-');

describe('SQLite log: long event data is stored deflated', () => {
  for (const writer of ['inline', 'thread'] as const) {
    it(`reads back every event as appended, long data stored as a BLOB (${writer} writer)`, async () => {
      const path = files.path();
      const catalog = storeCatalog(Array.from({ length: 60 }, (_, i) => resource('File', `/etc/f${i}`, { parameters: { ensure: 'file', mode: '0644' } })));
      const events = [
        factsEvent('a', { small: 1 }),
        factsEvent('b', Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`fact_${i}`, { value: i, text: 'ünïcode ✓' }]))),
        catalogSubmitted('b', catalog, 'cat-b'),
      ];
      const log = new SqliteEventLog({ path, writer });
      await log.append(events.map((event) => ({ event })));
      await log.close();

      const raw = new Database(path, { readonly: true });
      const kinds = raw.prepare('SELECT typeof(data) FROM events ORDER BY position').pluck().all();
      raw.close();
      assert.deepEqual(kinds, ['text', 'blob', 'blob']);

      // A fresh instance: nothing from the tail cache, every event from the file.
      const reader = new SqliteEventLog({ path, writer: 'inline' });
      try {
        const read = await reader.read(0);
        assert.deepEqual(read.map(({ position: _p, version: _v, ...e }) => e), JSON.parse(JSON.stringify(events)));
        assert.deepEqual(reader.catalogBodies()('cat-b', 'b'), { resources: catalog.resources, edges: catalog.edges });
      } finally {
        await reader.close();
      }
    });
  }
});
