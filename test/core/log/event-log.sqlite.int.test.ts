import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { RecordedEvent } from '../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../core/log/event-log.sqlite.js';
import { factsEvent, reportEvent, requestEvent } from '../../support/events.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newLog = () => new SqliteEventLog({ path: join(dir, `log-${n++}.db`) });

describe('SqliteEventLog', () => {
  it('assigns global positions and per-stream versions', async () => {
    const log = newLog();
    const out = await log.append([{ event: factsEvent('a') }, { event: factsEvent('b') }, { event: requestEvent('a') }]);
    assert.deepEqual(out.map((o) => o.status === 'appended' && [o.position, o.version]), [[1, 1], [2, 1], [3, 2]]);
    assert.equal(await log.head(), 3);
    await log.close();
  });

  it('treats a repeated event id as a duplicate that writes nothing', async () => {
    const log = newLog();
    const e = factsEvent('a');
    await log.append([{ event: e }]);
    const [again] = await log.append([{ event: { ...e, data: { ...e.data, environment: 'other' } } }]);
    assert.deepEqual(again, { status: 'duplicate', position: 1, version: 1 });
    const all = await log.read(0);
    assert.equal(all.length, 1);
    assert.equal((all[0] as RecordedEvent<typeof e>).data.environment, 'production');
    await log.close();
  });

  it('rejects a stale expected version and voids the whole call', async () => {
    const log = newLog();
    await log.append([{ event: factsEvent('a') }]);
    const out = await log.append([{ event: factsEvent('b') }, { event: factsEvent('a'), expectedVersion: 0 }]);
    assert.ok(out.every((o) => o.status === 'conflict'));
    assert.equal(await log.head(), 1);
    const ok = await log.append([{ event: factsEvent('a'), expectedVersion: 1 }]);
    assert.equal(ok[0]?.status, 'appended');
    await log.close();
  });

  it('group-commits concurrent appends and survives reopening', async () => {
    const path = join(dir, 'reopen.db');
    const log = new SqliteEventLog({ path });
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append([{ event: reportEvent(`n${i % 7}`) }])));
    await log.close();
    const again = new SqliteEventLog({ path });
    assert.equal(await again.head(), 200);
    const stream = await again.readStream('n3');
    assert.deepEqual(stream.map((e) => e.version), stream.map((_, i) => i + 1));
    await again.close();
  });

  it('delivers every event once and in order to a catch-up-then-live subscriber', async () => {
    const log = newLog();
    await log.append(Array.from({ length: 50 }, (_, i) => ({ event: factsEvent(`n${i}`) })));
    const seen: number[] = [];
    const sub = log.subscribe({ from: 10, batchSize: 7, handler: (b) => { seen.push(...b.map((e) => e.position)); } });
    for (let i = 0; i < 20; i++) await log.append([{ event: requestEvent(`n${i}`) }]);
    while (seen.length < 60) await new Promise((r) => setTimeout(r, 5));
    await sub.close();
    assert.deepEqual(seen, Array.from({ length: 60 }, (_, i) => i + 11));
    await log.close();
  });

  it('reads one stream backwards filtered by type', async () => {
    const log = newLog();
    await log.append([{ event: factsEvent('a', { v: 1 }) }, { event: reportEvent('a') }, { event: factsEvent('a', { v: 2 }) }, { event: reportEvent('a') }]);
    const [last] = await log.readStreamBackward('a', { types: ['facts_submitted'], limit: 1 });
    assert.equal(last?.version, 3);
    await log.close();
  });
});
