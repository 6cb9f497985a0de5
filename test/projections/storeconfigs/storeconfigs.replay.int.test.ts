import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { ProjectionRunner, type ProjectionProgress } from '../../../projections/projection.runner.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { replayStoreconfigs } from '../../../projections/storeconfigs/storeconfigs.replay.js';
import { storeconfigsQueries } from '../../../projections/storeconfigs/storeconfigs.queries.js';
import { factsEvent, reportEvent, requestEvent } from '../../support/events.fixture.js';
import { catalogSubmitted, dumpTables, resource, storeCatalog, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-replay-');

async function filledLog(): Promise<SqliteEventLog> {
  const log = new SqliteEventLog({ path: files.path(), synchronous: 'normal' });
  await log.append(Array.from({ length: 30 }, (_, i) => {
    // Distinct producer timestamps: the fixture's "now" can repeat within a millisecond.
    const e = factsEvent(`n${i % 5}`, { i });
    return { event: { ...e, data: { ...e.data, producerTimestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() } } };
  }));
  await log.append([{ event: requestEvent('n1') }, { event: reportEvent('n2') }]);
  await log.append([{ event: catalogSubmitted('n1', storeCatalog([resource('Class', 'main'), resource('File', '/x')]), 'cat-1') }]);
  return log;
}

describe('replayStoreconfigs', () => {
  it('rebuilds the same database the live runner built, and stops at untilPosition', async () => {
    const log = await filledLog();
    const live = StoreconfigsProjection.open({ path: files.path() });
    const progress: ProjectionProgress[] = [];
    const runner = new ProjectionRunner(log, live, { batchSize: 7, onProgress: (p) => progress.push(p) });
    while (runner.position < 33) await new Promise((r) => setTimeout(r, 5));
    assert.equal(runner.lag(await log.head()), 0);
    await runner.stop();
    await runner.stop(); // idempotent
    assert.equal(runner.state, 'stopped');
    assert.deepEqual(progress.map((p) => p.position), [7, 14, 21, 28, 33]);

    const full = await replayStoreconfigs(log, files.path('full.db'), { batchSize: 4 });
    assert.ok(full.ok);
    assert.equal(full.value.events, 33);
    assert.equal(full.value.rows.catalogs, 1);
    const rebuilt = StoreconfigsProjection.open({ path: full.value.path });
    assert.deepEqual(dumpTables(rebuilt.database.raw), dumpTables(live.database.raw));
    await rebuilt.close();
    await live.close();

    const seen: number[] = [];
    const partial = await replayStoreconfigs(log, files.path('at-12.db'), { untilPosition: 12, batchSize: 5, onProgress: (p) => seen.push(p.position) });
    assert.ok(partial.ok);
    assert.deepEqual(seen, [5, 10, 12]);
    assert.equal(partial.value.position, 12);
    const at12 = StoreconfigsProjection.open({ path: partial.value.path });
    assert.deepEqual(await storeconfigsQueries(at12.database.db).facts('n1'), { os: { family: 'Debian' }, i: 11 });
    await at12.close();
    await log.close();
  });

  it('refuses to overwrite an existing file unless told to', async () => {
    const log = await filledLog();
    const target = files.path('exists.db');
    assert.ok((await replayStoreconfigs(log, target, { untilPosition: 3 })).ok);
    const refused = await replayStoreconfigs(log, target);
    assert.equal(refused.ok, false);
    const again = await replayStoreconfigs(log, target, { overwrite: true });
    assert.ok(again.ok && again.value.position === 33);
    await log.close();
  });

  it('resumes the runner from the projection checkpoint and picks up live appends', async () => {
    const log = await filledLog();
    const path = files.path();
    const first = StoreconfigsProjection.open({ path });
    first.apply(await log.read(0, { limit: 10 }));
    await first.close();
    const p = StoreconfigsProjection.open({ path });
    const runner = new ProjectionRunner(log, p, { batchSize: 100 });
    await log.append([{ event: reportEvent('n9') }]);
    while (runner.position < 34) await new Promise((r) => setTimeout(r, 5));
    await runner.stop();
    assert.equal((await storeconfigsQueries(p.database.db).reports('n9')).length, 1);
    assert.equal(p.checkpoint, 34);
    await p.close();
    await log.close();
  });
});
