import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { replayStoreconfigs } from '../../../projections/storeconfigs/storeconfigs.replay.js';
import fc from 'fast-check';
import { eventSequence } from '../storeconfigs.arbitraries.js';
import { dumpTables, recorded, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-crash-');
const child = fileURLToPath(new URL('./storeconfigs.crash-child.ts', import.meta.url));

describe('StoreconfigsProjection under SIGKILL', () => {
  it('resumes from its checkpoint after the process is killed and ends as an uninterrupted run', async () => {
    const logPath = files.path('log.db');
    const log = new SqliteEventLog({ path: logPath });
    // Two fixed samples of the property tests' event mix (ids made unique across them).
    const [first, second] = [7, 9].map((seed) => fc.sample(eventSequence(40), { seed, numRuns: 1 })[0]!);
    const all = [...first!, ...second!.map((e) => ({ ...e, id: `x-${e.id}` }))];
    await log.append(all.map((event) => ({ event })));
    const head = await log.head();
    assert.equal(head, recorded(all).length);

    const dbPath = files.path('sc.db');
    const proc = spawn(process.execPath, ['--import', 'tsx', child, logPath, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let seen = 0;
    await new Promise<void>((resolve) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        const last = Number(chunk.toString().trim().split('\n').at(-1));
        seen = Math.max(seen, last);
        if (seen >= head / 4 && !proc.killed) proc.kill('SIGKILL');
      });
      proc.on('exit', () => resolve());
    });
    assert.ok(seen > 0);

    const resumed = StoreconfigsProjection.open({ path: dbPath });
    assert.ok(resumed.checkpoint >= seen && resumed.checkpoint < head, `killed at ${resumed.checkpoint} of ${head}`);
    for (;;) {
      const batch = await log.read(resumed.checkpoint, { limit: 5 });
      if (batch.length === 0) break;
      resumed.apply(batch);
    }
    const replay = await replayStoreconfigs(log, files.path('replay.db'));
    assert.ok(replay.ok);
    const uninterrupted = StoreconfigsProjection.open({ path: replay.value.path });
    assert.deepEqual(dumpTables(resumed.database.raw), dumpTables(uninterrupted.database.raw));
    await uninterrupted.close();
    await resumed.close();
    await log.close();
  });
});
