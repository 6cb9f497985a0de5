import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { SqliteCheckpointStore } from '../../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { eventually } from '../../../support/eventually.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-checkpoints-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** What another connection (a restarted process) reads. */
function persisted(path: string, name: string): number | undefined {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(name) as { position: number } | undefined)?.position;
  } finally {
    db.close();
  }
}

describe('SqliteCheckpointStore', () => {
  it('answers a set position at once and writes it within flushMs', async () => {
    const path = join(dir, `c${n++}.db`);
    const store = new SqliteCheckpointStore(path, { flushMs: 10 });
    try {
      store.set('router', 7);
      assert.equal(store.get('router'), 7);
      await eventually(() => persisted(path, 'router') === 7, 5000, 'router written');
      assert.equal(store.pending, 0);
    } finally {
      store.close();
    }
  });

  // The log's writer holds the file's write lock for each commit: a set must not wait for it on the main thread.
  it('never waits for the write lock: the position is written once the lock is free', async () => {
    const path = join(dir, `c${n++}.db`);
    const store = new SqliteCheckpointStore(path, { flushMs: 5, maxRetryMs: 20 });
    const writer = new Database(path);
    try {
      writer.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      for (let i = 1; i <= 100; i++) store.set('push', i);
      await new Promise((r) => setTimeout(r, 60)); // several tries, each finding the lock taken
      assert.ok(performance.now() - started < 1000, 'the sets and the tries did not block');
      assert.equal(store.get('push'), 100);
      assert.equal(persisted(path, 'push'), undefined, 'nothing written while the lock is held');
      assert.equal(store.pending, 1, 'one position per name is kept, the newest');
      writer.exec('COMMIT');
      await eventually(() => persisted(path, 'push') === 100, 5000, 'push written');
    } finally {
      writer.close();
      store.close();
    }
  });

  // Invariant: whatever the sets, their timing and a close, a reopened store reads the last position set under each name.
  it('keeps the last position of every name across close and reopen', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c'), position: fc.nat(1e6), pauseMs: fc.constantFrom(0, 0, 3) }), { maxLength: 30 }),
      async (sets) => {
        const path = join(dir, `p${n++}.db`);
        const store = new SqliteCheckpointStore(path, { flushMs: 2 });
        const last = new Map<string, number>();
        for (const { name, position, pauseMs } of sets) {
          store.set(name, position);
          last.set(name, position);
          if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
        }
        store.close();
        const reopened = new SqliteCheckpointStore(path);
        try {
          for (const name of ['a', 'b', 'c']) assert.equal(reopened.get(name), last.get(name) ?? 0);
        } finally {
          reopened.close();
        }
      }), { numRuns: 40 });
  });

  it('refuses a set after close with a stable code', () => {
    const store = new SqliteCheckpointStore(join(dir, `c${n++}.db`));
    store.close();
    assert.throws(() => store.set('x', 1), { code: 'log_closed' });
  });
});
