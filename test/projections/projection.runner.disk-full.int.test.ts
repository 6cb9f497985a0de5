import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteEventLog } from '../../core/log/sqlite/event-log.sqlite.js';
import { ProjectionRunner } from '../../projections/projection.runner.js';
import { StoreconfigsProjection } from '../../projections/storeconfigs/storeconfigs.projection.js';
import { eventually } from '../support/eventually.js';
import { factsEvent } from '../support/events.fixture.js';
import { tmpFiles } from './storeconfigs.fixture.js';

const files = tmpFiles('troupe-runner-full-');

describe('ProjectionRunner on a full database', () => {
  it('waits out SQLITE_FULL from SQLite itself, records nothing as a bad event, and catches up once there is room', async () => {
    const log = new SqliteEventLog({ path: files.path() });
    const projection = StoreconfigsProjection.open({ path: files.path() });
    const raw = projection.database.raw;
    const changes: unknown[] = [];
    const runner = new ProjectionRunner(log, projection, { batchSize: 10, backoff: { initialMs: 5, maxMs: 20 }, onHealthChange: (now) => changes.push(now) });
    await log.append([{ event: factsEvent('before') }]);
    await eventually(() => runner.position === 1, 5000, 'the first event');

    // SQLite answers SQLITE_FULL as soon as the file would grow past this many pages: a full disk.
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
    const big = { blob: 'x'.repeat(64 * 1024) };
    await log.append(Array.from({ length: 30 }, (_, i) => ({ event: factsEvent(`n${i}`, big) })));
    await eventually(() => runner.degradation !== undefined, 5000, 'the projection to degrade');
    assert.equal(runner.degradation!.reason, 'SQLITE_FULL: database or disk is full');
    await new Promise((r) => setTimeout(r, 100)); // several retries, each failing
    assert.equal(runner.state, 'running');
    assert.equal(runner.position, 1, 'no batch is half-applied');

    raw.pragma('max_page_count = 1073741823');
    await eventually(() => runner.position === 31 && runner.degradation === undefined, 5000, 'recovery');
    assert.equal(raw.prepare('SELECT count(*) FROM projection_failures').pluck().get(), 0, 'a full disk is not a bad event');
    assert.equal(raw.prepare('SELECT count(DISTINCT certname) FROM facts').pluck().get(), 31);
    assert.equal(changes.length, 2, 'one degraded and one recovered transition, not one per retry');
    await runner.stop();
    await projection.close();
    await log.close();
  });
});
