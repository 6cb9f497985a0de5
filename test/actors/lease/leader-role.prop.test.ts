import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LeaderRole } from '../../../actors/lease/leader-role.js';
import { sameLeadership } from '../../../core/lease/fleet-leader.js';
import type { ShardLease } from '../../../core/lease/lease-plan.js';

const lease = (epoch: number): ShardLease => ({ shard: 0, holder: 'me', epoch, expiresAt: 0 });
/** What the keeper tells the role after each change: the leader lease (epochs 1–4) or none. */
const observations = fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), { minLength: 1, maxLength: 12 });

describe('LeaderRole (property)', () => {
  it('services of two leaderships never run at once; once settled, exactly the newest leadership runs; every start is stopped once', async () => {
    await fc.assert(fc.asyncProperty(fc.scheduler(), observations, fc.array(fc.boolean(), { maxLength: 12 }), async (s, seen, failures) => {
      let running = 0;
      let starts = 0;
      let failed = 0;
      const live = new Set<number>();
      const role = new LeaderRole<{ readonly id: number; stopped: boolean }>({
        start: async (l) => {
          const fails = failures[starts++] ?? false;
          await s.schedule(Promise.resolve(), `start ${l.epoch}`);
          if (fails) {
            failed++;
            throw new Error('start failed');
          }
          running++;
          assert.equal(running, 1, 'two leaderships running');
          live.add(l.epoch);
          return { id: l.epoch, stopped: false };
        },
        stop: async (services) => {
          assert.ok(!services.stopped, 'stopped twice');
          await s.schedule(Promise.resolve(), `stop ${services.id}`);
          services.stopped = true;
          running--;
          live.delete(services.id);
        },
        onError: () => undefined,
        retryMs: 1e9,
      });
      /** Releases every start and stop the role asks for, until it has nothing left to do. */
      const drain = async () => {
        do {
          await s.waitAll();
          await new Promise((r) => setImmediate(r));
        } while (s.count() > 0);
      };
      for (const epoch of seen) {
        role.observe(epoch === undefined ? undefined : lease(epoch));
        // Some steps of the settling run before the next change, in the scheduler's order.
        if (s.count() > 0) await s.waitOne();
      }
      await drain();
      const newest = seen[seen.length - 1];
      const leading = role.leading;
      if (leading) assert.ok(sameLeadership(leading, newest === undefined ? undefined : lease(newest)), 'leads under the newest lease');
      else assert.equal(running, 0, 'nothing runs while not leading (a failed start leaves nothing running)');
      if (newest !== undefined && failed === 0) assert.ok(leading, 'the newest leadership runs');
      assert.ok(running <= 1);
      const closed = role.close();
      await drain();
      await closed;
      assert.equal(running, 0, 'close stops everything');
      assert.equal(live.size, 0);
    }), { numRuns: 300 });
  });

  it('a start that failed is tried again while the lease is held', async () => {
    let attempts = 0;
    const role = new LeaderRole<string>({
      start: async () => { if (++attempts < 3) throw new Error('database away'); return 'running'; },
      stop: async () => undefined,
      onError: () => undefined,
      retryMs: 5,
    });
    role.observe(lease(1));
    const until = Date.now() + 2000;
    while (!role.leading && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    assert.equal(attempts, 3);
    assert.equal(role.services, 'running');
    await role.close();
    assert.equal(role.leading, undefined);
  });
});
