import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { KurrentEventLog } from '../../../core/log/kurrentdb/event-log.kurrentdb.js';
import { FetchedCatalogBodies } from '../../../projections/rows/fetched-catalog-bodies.js';
import { ProjectionRunner } from '../../../projections/projection.runner.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { eventually } from '../../support/eventually.js';
import { KurrentDbMockServer } from '../../support/kurrentdb-client.mock.js';
import { catalogSubmitted, resource, storeCatalog, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-fetched-bodies-');

// SQLite storeconfigs over a log on a server, as the projection thread runs
// it with --store kurrentdb://… (the log here on the client MOCK: this
// checks the composition, not a KurrentDB server).
describe('FetchedCatalogBodies', () => {
  it("projects a catalog recorded by reference from the body fetched before its batch", async () => {
    const log = await KurrentEventLog.open({ client: new KurrentDbMockServer().client() });
    const a = storeCatalog([resource('Class', 'main'), resource('File', '/a')], { producerTimestamp: '2026-01-01T00:00:00.000Z' });
    const b = storeCatalog([resource('Class', 'main'), resource('File', '/b')], { producerTimestamp: '2026-01-01T00:01:00.000Z' });
    const { resources: _r, edges: _e, ...metadata } = { ...a, producerTimestamp: '2026-01-01T00:02:00.000Z' };
    const again = { ...catalogSubmitted('n1', a, 'a2'), data: { catalog: metadata, bodyOf: 'a1', hash: 'hash-of-a' } } as TroupeEvent;
    await log.append([{ event: catalogSubmitted('n1', a, 'a1') }, { event: catalogSubmitted('n1', b, 'b1') }, { event: again }]);

    const bodies = new FetchedCatalogBodies((batch) => log.catalogBodiesFor(batch));
    const sqlite = StoreconfigsProjection.open({ path: files.path(), catalogBodies: bodies.lookup });
    const runner = new ProjectionRunner(log, bodies.around(sqlite), { batchSize: 1 });
    await eventually(() => runner.position === 3);
    await runner.stop();
    const titles = sqlite.database.raw.prepare("SELECT title FROM resources WHERE certname = 'n1' AND type = 'File'").pluck().all();
    const failures = sqlite.database.raw.prepare('SELECT count(*) FROM projection_failures').pluck().get();
    assert.deepEqual([titles, failures], [['/a'], 0]);
    await sqlite.close();
    await log.close();
  });
});
