import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RolloutAssignments } from '../../../actors/rollout/rollout-assignments.js';
import { CODE_STREAM, ROLLOUTS_STREAM, type TroupeEvent } from '../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-assignments-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ENV = 'production';
const rolloutId = 'r1';
let n = 0;
const event = (stream: string, type: string, data: unknown) => ({ event: { type, id: `e${n++}`, stream, time: new Date().toISOString(), meta: { source: 'test' }, data } as unknown as TroupeEvent });

describe('RolloutAssignments', () => {
  it('compiles a request with every rollout step logged before it, whatever it read before', async () => {
    const log = new SqliteEventLog({ path: join(dir, 'events.db'), synchronous: 'normal' });
    const assignments = new RolloutAssignments({ log, versions: { ensure: async (env, codeId) => `/versions/${env}/${codeId}` } });
    const at = async (e: ReturnType<typeof event>) => { await log.append([e]); return log.head(); };
    const plan = { waves: [{ kind: 'count', count: 1 }, { kind: 'rest' }], paceMs: 1000, gate: { maxFailedPercent: 5 } };

    assert.equal(await assignments.codeDirOf(ENV, 'a.test', 0), undefined, 'no rollout: the environment\'s own directory');
    const p1 = await at(event(ROLLOUTS_STREAM, 'rollout_started', { rolloutId, environment: ENV, codeId: 'new', previousCodeId: 'old', plan, nodes: 2, requestedBy: null }));
    assert.equal(await assignments.codeDirOf(ENV, 'a.test', p1), '/versions/production/old');
    const p2 = await at(event(ROLLOUTS_STREAM, 'rollout_wave_started', { rolloutId, wave: 0, certnames: ['a.test'] }));
    assert.equal(await assignments.codeDirOf(ENV, 'a.test', p2), '/versions/production/new');
    assert.equal(await assignments.codeDirOf(ENV, 'b.test', p2), '/versions/production/old');
    const p3 = await at(event(ROLLOUTS_STREAM, 'rollout_aborted', { rolloutId, by: null }));
    // The abort's recompile of a.test (logged after the abort) gets the previous version at once.
    const p4 = await at(event('a.test', 'catalog_requested', { environment: ENV, reason: 'code_deployed', priority: -1, transactionUuid: null }));
    assert.ok(p4 > p3);
    assert.equal(await assignments.codeDirOf(ENV, 'a.test', p4), '/versions/production/old');
    await at(event(ROLLOUTS_STREAM, 'rollout_finished', { rolloutId, environment: ENV, outcome: 'aborted', codeId: 'old' }));
    const p6 = await at(event(CODE_STREAM, 'code_deployed', { environment: ENV, codeId: 'x' }));
    assert.equal(await assignments.codeDirOf(ENV, 'a.test', p6), undefined, 'a plain deployment hands the environment back to its directory');
    await log.close();
  });
});
