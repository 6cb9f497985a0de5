import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CoalescingRun } from '../../../actors/compile/coalescing-run.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('CoalescingRun', () => {
  it('never runs the step twice at once, runs it after every request, and at most once per request', async () => {
    // Invariant: requests during a run coalesce into one more run; none is lost, none overlaps.
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(3), { minLength: 1, maxLength: 30 }), fc.array(fc.boolean(), { maxLength: 30 }), async (gaps, failures) => {
      let running = 0;
      let runs = 0;
      const startedAt: number[] = [];
      let clock = 0;
      const run = new CoalescingRun(async () => {
        assert.equal(running, 0, 'two runs at once');
        running++;
        startedAt.push(clock);
        const fail = failures[runs++] ?? false;
        await tick();
        running--;
        if (fail) throw new Error('step failed');
      }, () => {});
      const requestedAt: number[] = [];
      for (const gap of gaps) {
        requestedAt.push(++clock);
        run.request();
        for (let i = 0; i < gap; i++) await tick();
      }
      // Let the coalesced run (if any) go before stopping: stop itself cancels pending runs.
      for (let i = 0; i < 6; i++) await tick();
      await run.stop();
      assert.ok(runs <= gaps.length, `${runs} runs for ${gaps.length} requests`);
      // No request is left behind: the last run started at or after the last request (one made during a run gets a run after it).
      assert.ok(startedAt[startedAt.length - 1]! >= requestedAt[requestedAt.length - 1]!, 'the last request got no run of its own');
    }), { numRuns: 100 });
  });

  it('runs nothing after stop', async () => {
    let runs = 0;
    const run = new CoalescingRun(async () => { runs++; }, () => {});
    await run.stop();
    run.request();
    await tick();
    assert.equal(runs, 0);
  });
});
