import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AdaptiveWindow } from '../../../actors/deploy/adaptive-window.js';

const PERIOD = 1000;
/** A step of time: check-ins (latency, whether a deployment ran) within it, then time moves on. */
const step = fc.record({
  checkIns: fc.array(fc.record({ latencyMs: fc.double({ min: 0, max: 5000, noNaN: true }), deploying: fc.boolean() }), { maxLength: 20 }),
  advanceMs: fc.integer({ min: 0, max: 3 * PERIOD }),
});

/** Feeds `periods` periods of check-ins with a deployment running, each `latencyMs`; returns the window after each. */
function drive(w: AdaptiveWindow, start: number, periods: number, latencyMs: number): { sizes: number[]; now: number } {
  const sizes: number[] = [];
  let now = start;
  for (let p = 0; p < periods; p++) {
    for (let i = 0; i < 30; i++) w.observe(latencyMs, true, now + i);
    now += PERIOD;
    sizes.push(w.size(now));
  }
  return { sizes, now };
}

describe('AdaptiveWindow', () => {
  // Invariant: whatever the check-ins and their timing, the window stays within [min, max] (min ≥ 1: a deployment never stops).
  it('is bounded by min and max', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.array(step, { maxLength: 40 }), (max, minRaw, steps) => {
      const min = Math.min(minRaw, max);
      let now = 0;
      const w = new AdaptiveWindow(max, { min, periodMs: PERIOD }, now);
      for (const s of steps) {
        for (const c of s.checkIns) w.observe(c.latencyMs, c.deploying, now);
        now += s.advanceMs;
        const size = w.size(now);
        assert.ok(Number.isInteger(size) && size >= min && size <= max && size >= 1, `window ${size} outside [${min}, ${max}]`);
      }
    }));
  });

  // Slowed check-ins shrink it to min within log2(max) periods; it stays there (never 0) while they stay slow.
  it('halves down to min while check-ins stay slower than the target, and no lower', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), (max) => {
      const w = new AdaptiveWindow(max, { periodMs: PERIOD, floorMs: 10 }, 0);
      for (let i = 0; i < 50; i++) w.observe(5, false, 0); // baseline 5 ms: target max(10, 2 × 5) = 10 ms
      const { sizes } = drive(w, 0, Math.ceil(Math.log2(max)) + 5, 200);
      assert.equal(sizes[Math.ceil(Math.log2(max))], 1);
      assert.ok(sizes.every((s) => s >= 1));
      for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i]! <= sizes[i - 1]!, 'never grows while slowed');
    }));
  });

  // Converges back: once check-ins are within the target (or stop), it grows by one a period up to max.
  it('grows back by one a period to max once check-ins are fast again, or when no agent checks in', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 32 }), fc.boolean(), (max, agents) => {
      const w = new AdaptiveWindow(max, { periodMs: PERIOD, floorMs: 10 }, 0);
      const slowed = drive(w, 0, 10, 500);
      assert.equal(slowed.sizes.at(-1), 1);
      let now = slowed.now;
      for (let p = 1; p < max + 2; p++) {
        if (agents) for (let i = 0; i < 30; i++) w.observe(8, true, now + i);
        now += PERIOD;
        assert.equal(w.size(now), Math.min(max, 1 + p));
      }
    }));
  });

  it('a deployment with no agents checking in keeps the full window (the pool full rate)', () => {
    const w = new AdaptiveWindow(8, { periodMs: PERIOD }, 0);
    for (let t = 0; t <= 60_000; t += 250) assert.equal(w.size(t), 8);
  });

  it('judges by the baseline: twice the idle latency, never below floorMs', () => {
    const w = new AdaptiveWindow(8, { periodMs: PERIOD, floorMs: 25, factor: 2 }, 0);
    for (let i = 0; i < 100; i++) w.observe(40, false, 0); // a slow machine: 40 ms idle
    drive(w, 0, 1, 70); // within 2 × 40
    assert.equal(w.size(PERIOD), 8);
    drive(w, PERIOD, 1, 90); // beyond 80
    assert.equal(w.size(2 * PERIOD), 4);
    assert.deepEqual(w.status(2 * PERIOD), { size: 4, max: 8, min: 1, quantile: 0.99, targetMs: 80, lastCheckIns: 60, lastSlow: 30 });
  });

  it("steers by the check-ins' 99th percentile: a slow tail (5 %) halves the window though most answer fast", () => {
    const w = new AdaptiveWindow(8, { periodMs: PERIOD }, 0);
    for (let i = 0; i < 100; i++) w.observe(12, false, 0);
    for (let i = 0; i < 95; i++) w.observe(12, true, i);
    for (let i = 0; i < 5; i++) w.observe(60, true, 100 + i); // 5 % of a period beyond 2 × 12
    assert.equal(w.size(PERIOD), 4);
    for (let i = 0; i < 100; i++) w.observe(20, true, PERIOD + i); // within 2 × 12
    assert.equal(w.size(2 * PERIOD), 5);
  });

  // The target is on the 99th percentile: at most 1 % of check-ins slow. Slow ones at least 200 apart never
  // exceed that share, whenever the periods end and whatever the fast ones took, so the window never shrinks.
  it('a slow check-in now and then (at most 1 % of them) never shrinks it', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ gap: fc.integer({ min: 199, max: 400 }), slowMs: fc.double({ min: 25, max: 5000, noNaN: true }), fastMs: fc.double({ min: 0, max: 24, noNaN: true }), perPeriod: fc.integer({ min: 1, max: 300 }) }), { minLength: 1, maxLength: 12 }),
      (spells) => {
        const w = new AdaptiveWindow(16, { periodMs: PERIOD }, 0);
        for (let i = 0; i < 100; i++) w.observe(12, false, 0); // target 2 × 12 = 24 ms
        let n = 0;
        for (const s of spells) {
          for (let i = 0; i < s.gap; i++) w.observe(s.fastMs, true, PERIOD * Math.floor(n++ / s.perPeriod));
          w.observe(s.slowMs, true, PERIOD * Math.floor(n++ / s.perPeriod));
          assert.equal(w.size(PERIOD * Math.floor(n / s.perPeriod)), 16);
        }
      },
    ));
  });

  it('a single stall is no signal; a second within a hundred check-ins is', () => {
    const w = new AdaptiveWindow(8, { periodMs: PERIOD }, 0);
    for (let i = 0; i < 100; i++) w.observe(12, false, 0);
    w.observe(500, true, 10);
    for (let i = 0; i < 29; i++) w.observe(12, true, 20 + i);
    assert.equal(w.size(PERIOD), 8);
    for (let i = 0; i < 29; i++) w.observe(12, true, PERIOD + i);
    w.observe(300, true, PERIOD + 50); // 2 of 60
    assert.equal(w.size(2 * PERIOD), 4);
    assert.equal(w.status(2 * PERIOD).lastSlow, 2);
  });

  it('refuses bad options with a stable code', () => {
    assert.throws(() => new AdaptiveWindow(0), { code: 'config_invalid' });
    assert.throws(() => new AdaptiveWindow(4, { min: 5 }), { code: 'config_invalid' });
    assert.throws(() => new AdaptiveWindow(4, { factor: 0.5 }), { code: 'config_invalid' });
    assert.throws(() => new AdaptiveWindow(4, { quantile: 1 }), { code: 'config_invalid' });
  });
});
