import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { FaultEpisode, faultReason, isResourceFault, type Degradation } from '../../../core/errors/resource-fault.js';
import { TroupeError } from '../../../core/errors/troupe-error.js';

const full = (): Error => new Database.SqliteError('database or disk is full', 'SQLITE_FULL');

describe('resource faults', () => {
  it('tells a full disk, an I/O error or a busy lock from everything else', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE']) {
      assert.ok(isResourceFault(new Database.SqliteError('x', code)), code);
    }
    assert.ok(isResourceFault(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })));
    for (const e of [new Database.SqliteError('x', 'SQLITE_CONSTRAINT_UNIQUE'), new Database.SqliteError('x', 'SQLITE_CORRUPT'),
      new TypeError('values is not an object'), new TroupeError('log_write_failed', 'the log-writer thread stopped'), undefined, 'SQLITE_FULL']) {
      assert.equal(isResourceFault(e), false, String(e));
    }
  });

  it('finds the fault in a cause chain (the log-writer thread sends the code as the cause) and names it', () => {
    const e = new TroupeError('log_write_failed', 'event log commit failed: database or disk is full (SQLITE_FULL)', {
      cause: { code: 'SQLITE_FULL', message: 'database or disk is full' },
    });
    assert.ok(isResourceFault(e));
    assert.equal(faultReason(e), 'SQLITE_FULL: database or disk is full');
    assert.equal(faultReason(full()), 'SQLITE_FULL: database or disk is full');
  });
});

describe('FaultEpisode', () => {
  it('backs off 100 ms doubling to 5 s and starts again after a success', () => {
    const episode = new FaultEpisode('log');
    assert.deepEqual(Array.from({ length: 9 }, () => episode.fault(full())), [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
    episode.succeeded();
    assert.equal(episode.fault(full()), 100);
  });

  it('reports the transitions only: the first fault of an episode and the success that ends it', () => {
    const changes: [Degradation | undefined, Degradation | undefined][] = [];
    const episode = new FaultEpisode('projection', { initialMs: 1 }, (now, ended) => changes.push([now, ended]));
    episode.succeeded();
    for (let i = 0; i < 5; i++) episode.fault(full());
    const degraded = episode.degradation!;
    assert.equal(degraded.component, 'projection');
    assert.equal(degraded.reason, 'SQLITE_FULL: database or disk is full');
    assert.ok(Date.parse(degraded.since) <= Date.now());
    episode.succeeded();
    episode.succeeded();
    assert.equal(episode.degradation, undefined);
    assert.deepEqual(changes, [[degraded, undefined], [undefined, degraded]]);
  });
});
