import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';
import { DeployFeeder } from '../../../actors/deploy/deploy-feeder.js';
import { CODE_STREAM, type RecordedEvent, type TroupeEvent } from '../../../core/events/event.types.js';
import { SqliteCheckpointStore } from '../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { eventually } from '../../support/eventually.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-deploy-restart-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const QUIET = { warn: () => undefined, error: () => undefined };
const NODES = ['a.test', 'b.test', 'c.test', 'd.test', 'e.test'];

describe('DeployFeeder across a restart', () => {
  it('starts an unfinished deployment again after a restart, and forgets a finished one', async () => {
    const path = join(dir, 'log.db');
    const log = new SqliteEventLog({ path, synchronous: 'normal' });
    const checkpoints = new SqliteCheckpointStore(path);
    const feeder = (admission = new AdmissionController({ highWater: 64 })) => new DeployFeeder({
      log, checkpoints, admission, logger: QUIET,
      nodes: { count: async () => NODES.length, page: async (_e, _c, after, limit) => NODES.filter((n) => after === null || n > after).slice(0, limit) },
    }, { window: 2, pageSize: 2, retryMs: 20 });
    const events = async () => (await log.read(0, { limit: 10_000 })) as readonly RecordedEvent<TroupeEvent>[];
    const requests = async () => (await events()).filter((e) => e.type === 'catalog_requested');

    const first = feeder();
    await first.start();
    const deployed = { type: 'code_deployed', id: randomUUID(), stream: CODE_STREAM, time: new Date().toISOString(), meta: { source: 'test' }, data: { environment: 'production', codeId: 'v2' } } as const;
    await log.append([{ event: deployed }]);
    await eventually(async () => (await requests()).length === 2, 5000, 'the first window');
    await first.close();

    // Nothing answered those two; after the restart the deployment begins again from its first node.
    const second = feeder();
    await second.start();
    await eventually(() => second.status().open.length === 1, 5000, 'the deployment resumed');
    const answered = new Set<string>();
    await eventually(async () => {
      for (const r of await requests()) {
        if (answered.has(r.id)) continue;
        answered.add(r.id);
        await log.append([{ event: {
          type: 'catalog_compiled', id: randomUUID(), stream: r.stream, time: new Date().toISOString(), meta: { source: 'test' },
          data: { requestIds: [r.id], hash: 'h2', previousHash: 'h1', compiler: 'test', durationMs: 1, catalog: {} as never },
        } }]);
      }
      return second.status().finished.length === 1;
    }, 10_000, 'the resumed deployment to finish');
    const done = second.status().finished[0]!;
    assert.deepEqual([done.deploymentId, done.outcome, done.requested, done.changed], [deployed.id, 'completed', 5, 5]);
    const planned = (await events()).filter((e) => e.type === 'deployment_planned');
    assert.equal(planned.length, 2, 'planned once per start');
    await second.close();

    const third = feeder();
    await third.start();
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(third.status().open, [], 'a finished deployment is not started again');
    assert.equal((await events()).filter((e) => e.type === 'deployment_planned').length, 2);
    await third.close();
    await log.close();
    checkpoints.close();
  });
});
