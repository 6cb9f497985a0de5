import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { saveCheckpointUnlessRefused } from '../../../core/log/checkpoint-store.js';

/** A store whose `set` throws `error` (none: it keeps the position). */
function storeStub(error?: unknown) {
  const saved = new Map<string, number>();
  return { saved, set: (name: string, position: number) => { if (error !== undefined) throw error; saved.set(name, position); } };
}

const coded = (code: string): Error => Object.assign(new Error(`${code}: refused`), { code });

describe('saveCheckpointUnlessRefused', () => {
  it('saves and says so', () => {
    const store = storeStub();
    assert.equal(saveCheckpointUnlessRefused(store, 'pusher', 42), true);
    assert.equal(store.saved.get('pusher'), 42);
  });

  it('leaves the checkpoint older when the disk refuses now (full, locked, I/O), also behind a cause', () => {
    for (const e of [coded('SQLITE_FULL'), coded('SQLITE_BUSY'), coded('ENOSPC'), new Error('commit failed', { cause: coded('SQLITE_IOERR_WRITE') })]) {
      const store = storeStub(e);
      assert.equal(saveCheckpointUnlessRefused(store, 'pusher', 42), false);
      assert.equal(store.saved.size, 0);
    }
  });

  it('throws anything else: a bug is not a full disk', () => {
    for (const e of [new TypeError('not a number'), coded('SQLITE_CONSTRAINT')]) {
      assert.throws(() => saveCheckpointUnlessRefused(storeStub(e), 'pusher', 42), (thrown) => thrown === e);
    }
  });
});
