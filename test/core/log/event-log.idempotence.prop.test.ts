import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../core/log/event-log.sqlite.js';
import { factsEvent, reportEvent, requestEvent } from '../../support/events.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-log-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const pool: TroupeEvent[] = Array.from({ length: 12 }, (_, i) =>
  [factsEvent, requestEvent, reportEvent][i % 3]!(`node${i % 4}`));

const strip = (events: readonly { id: string; stream: string; version: number; position: number; type: string }[]) =>
  events.map(({ id, stream, version, position, type }) => ({ id, stream, version, position, type }));

describe('event log idempotence', () => {
  // Invariant: duplicate delivery of any event sequence changes nothing —
  // appending a sequence with arbitrary redeliveries (in any batching)
  // yields exactly the log of appending each distinct event once, in
  // first-seen order, and every redelivery reports the original position.
  it('ignores redeliveries whatever the batching', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 40 }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
      async (picks, splits) => {
        // Inline commits keep 40 runs fast; that the writer thread behaves the
        // same is its own property (log-writer.thread.prop.test.ts).
        const withDups = new SqliteEventLog({ path: join(dir, `d${n++}.db`), synchronous: 'normal', writer: 'inline' });
        const once = new SqliteEventLog({ path: join(dir, `o${n++}.db`), synchronous: 'normal', writer: 'inline' });
        const firstPosition = new Map<string, number>();
        let i = 0; let s = 0;
        while (i < picks.length) {
          const size = splits[s++ % splits.length]!;
          const batch = picks.slice(i, i + size).map((p) => pool[p]!);
          i += size;
          const outcomes = await withDups.append(batch.map((event) => ({ event })));
          outcomes.forEach((o, k) => {
            const id = batch[k]!.id;
            assert.notEqual(o.status, 'conflict');
            if (o.status === 'duplicate') assert.equal(o.position, firstPosition.get(id));
            else if (o.status === 'appended') firstPosition.set(id, o.position);
          });
        }
        const distinct = [...new Set(picks)].map((p) => pool[p]!);
        await once.append(distinct.map((event) => ({ event })));
        assert.deepEqual(strip(await withDups.read(0)), strip(await once.read(0)));
        await withDups.close();
        await once.close();
      }), { numRuns: 40 });
  });
});
