import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { TroupeError } from '../../../../core/errors/troupe-error.js';
import type { TroupeEvent } from '../../../../core/events/event.types.js';
import type { AppendRequest, ExpectedVersion } from '../../../../core/log/event-log.js';
import { SqliteEventLog } from '../../../../core/log/sqlite/event-log.sqlite.js';
import { eventually } from '../../../support/eventually.js';
import { factsEvent, requestEvent } from '../../../support/events.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-log-writer-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const pool: TroupeEvent[] = Array.from({ length: 10 }, (_, i) => (i % 2 ? factsEvent : requestEvent)(`node${i % 3}`));
const expected = fc.oneof(fc.constant<ExpectedVersion>('any'), fc.constant<ExpectedVersion>('no_stream'), fc.integer({ min: 0, max: 4 }));
const call = fc.array(fc.record({ pick: fc.integer({ min: 0, max: pool.length - 1 }), expected }), { minLength: 1, maxLength: 4 });

const contents = async (log: SqliteEventLog) => (await log.read(0)).map(({ id, stream, version, position, type, data }) => ({ id, stream, version, position, type, data }));

describe('log-writer thread', () => {
  // Invariant: moving commits to the writer thread changes nothing a caller
  // can observe. The same calls, issued in the same groups (concurrent
  // calls share a group commit), give the same outcomes — appended,
  // duplicate, or a conflict voiding the caller's whole call — and the same
  // log as committing inline.
  it('gives the same outcomes and the same log as inline commits', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.array(call, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (groups) => {
      const threaded = new SqliteEventLog({ path: join(dir, `t${n++}.db`), synchronous: 'normal', writer: 'thread' });
      const inline = new SqliteEventLog({ path: join(dir, `i${n++}.db`), synchronous: 'normal', writer: 'inline' });
      try {
        for (const group of groups) {
          const requests = group.map((c): AppendRequest[] => c.map(({ pick, expected: v }) => ({ event: pool[pick]!, expectedVersion: v })));
          const [a, b] = await Promise.all([threaded, inline].map((log) => Promise.all(requests.map((r) => log.append(r)))));
          assert.deepEqual(a, b);
        }
        assert.deepEqual(await contents(threaded), await contents(inline));
        assert.equal(threaded.lastKnownPosition, inline.lastKnownPosition);
      } finally {
        await threaded.close();
        await inline.close();
      }
    }), { numRuns: 30 });
  });

  it('keeps appends made while a commit is in flight for the next group, losing none', async () => {
    const log = new SqliteEventLog({ path: join(dir, `burst${n++}.db`), synchronous: 'full' });
    const events = Array.from({ length: 2000 }, (_, i) => factsEvent(`burst${i % 50}`));
    const outcomes = await Promise.all(events.map((event, i) => new Promise((r) => setTimeout(r, i % 20)).then(() => log.append([{ event }]))));
    assert.ok(outcomes.every(([o]) => o!.status === 'appended'));
    const read = await log.read(0, { limit: 5000 });
    assert.deepEqual(read.map((e) => e.id).sort(), events.map((e) => e.id).sort());
    assert.deepEqual(read.map((e) => e.position), read.map((_e, i) => i + 1));
    await log.close();
  });

  it('fails a commit it cannot make with log_write_failed, writes none of it, is degraded until it can commit again, and commits the next one', async () => {
    const path = join(dir, `locked${n++}.db`);
    const changes: unknown[] = [];
    const log = new SqliteEventLog({ path, synchronous: 'normal', onHealthChange: (now) => changes.push(now) });
    await log.append([{ event: factsEvent('warm') }]);
    // Another connection holds the write lock past the writer's busy timeout (5 s).
    const blocker = new Database(path);
    blocker.exec('BEGIN IMMEDIATE');
    const blocked = log.append([{ event: factsEvent('a') }, { event: requestEvent('a') }]);
    await assert.rejects(blocked, (e) => e instanceof TroupeError && e.code === 'log_write_failed' && /SQLITE_BUSY|locked/.test(e.message));
    assert.match(log.degradation?.reason ?? '', /^SQLITE_BUSY/);
    blocker.exec('ROLLBACK');
    blocker.close();
    // No append needed: the idle log probes after its back-off and finds it can commit.
    await eventually(() => log.degradation === undefined, 2000, 'the probe to end the episode');
    assert.equal(changes.length, 2);
    const [next] = await log.append([{ event: factsEvent('b') }]);
    assert.equal(next?.status, 'appended');
    assert.deepEqual((await log.read(0)).map((e) => e.stream), ['warm', 'b']);
    await log.close();
  });
});
