import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteEventLog } from '../../../../core/log/sqlite/event-log.sqlite.js';
import { StoreconfigsThread } from '../../../../ops/app/storeconfigs/storeconfigs-thread.js';
import { logSettings } from '../../../../ops/log/logger.js';
import { factsEvent } from '../../../support/events.fixture.js';
import { eventually } from '../../../support/eventually.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-pace-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Pacing is a rest between batches, nothing else: paced or not, on and off
// as deployments come and go, every logged event is projected, in order.
describe('the storeconfigs thread, paced while a deployment runs', () => {
  it('projects every event paced, unpaced and across the switches', async () => {
    const store = { kind: 'sqlite', logPath: join(dir, 'log.db'), storeconfigsPath: join(dir, 'storeconfigs.db') } as const;
    const log = new SqliteEventLog({ path: store.logPath, writer: 'inline' });
    const thread = await StoreconfigsThread.start({ store, log: logSettings() });
    log.onAppend(() => thread.appended());
    try {
      let n = 0;
      const round = async (events: number, paced: boolean) => {
        thread.pace(paced);
        for (let i = 0; i < events; i++) {
          await log.append([{ event: factsEvent(`n${n++ % 50}.test`, { round: n }) }]);
          if (i % 25 === 0) thread.pace(!paced); // switched while batches are in flight
          if (i % 25 === 1) thread.pace(paced);
        }
        const head = await log.head();
        await eventually(() => thread.position === head, 20_000, `projected to ${head} (${paced ? 'paced' : 'unpaced'})`);
      };
      await round(200, true);
      await round(200, false);
      await round(200, true);
      thread.pace(false);
      assert.equal(thread.position, await log.head());
    } finally {
      await thread.stop();
      await log.close();
    }
  });
});
