import { ConfigError } from '../../core/errors/troupe-error.js';

export interface AdaptiveWindowOptions {
  /** The fewest recompiles in flight: a deployment always moves on. @defaultValue 1 */
  readonly min?: number;
  /**
   * A check-in answered while a deployment runs is *slow* when it took
   * longer than this multiple of the baseline's `quantile` (the latency
   * of recent check-ins answered with no deployment running).
   * @defaultValue 2
   */
  readonly factor?: number;
  /**
   * The percentile the target is stated on: check-in p99 during a push at
   * most `factor` × the idle p99. Steering keeps the share of slow
   * check-ins within `1 − quantile` (1 %), which is that target.
   * @defaultValue 0.99
   */
  readonly quantile?: number;
  /**
   * Latency at or below which no check-in counts as slow, whatever the
   * baseline: a few milliseconds more on a quiet fleet is no reason to slow
   * a deployment down.
   * @defaultValue 10
   */
  readonly floorMs?: number;
  /** How often the window is decided (one step at most per period). @defaultValue 1000 */
  readonly periodMs?: number;
  /** Check-ins kept for the baseline: the latest answered while no deployment ran. @defaultValue 256 */
  readonly baselineSamples?: number;
  /**
   * Check-ins the slow share is counted over: at most this many of the
   * latest since the window last halved (older ones count half, then a
   * quarter, …), so a slow spell long ago is forgotten.
   * @defaultValue 1024
   */
  readonly periodSamples?: number;
}

export const DEFAULT_ADAPTIVE_WINDOW_OPTIONS = { min: 1, factor: 2, quantile: 0.99, floorMs: 10, periodMs: 1000, baselineSamples: 256, periodSamples: 1024 } as const;

/**
 * A deployment's window (recompiles in flight at once) steered by the
 * agents' own check-ins, AIMD as TCP does. A check-in answered while the
 * deployment's recompiles are in flight is *slow* when it took longer than
 * the target: `factor` × the `quantile` (99th percentile) of the latest
 * check-ins answered while none were, never below `floorMs`. At the end of
 * each period, when more than `1 − quantile` (1 %) of the check-ins since
 * the window last halved were slow — and more than one, so a single stall
 * is no signal — the window halves (down to `min`) and counting starts
 * over; after any other period it grows by one (up to `max`). Counting
 * over the check-ins since the last decision, not a period's alone, is what
 * makes the percentile meaningful: at 30 check-ins a second a period's
 * "99th percentile" is its slowest check-in. With no agents checking in
 * there is nothing to protect: it grows to `max`, so a deployment alone
 * runs at the compile pool's full rate. The window starts at `max`. Memory
 * is bounded: the baseline keeps its latest `baselineSamples`; the counts
 * are two numbers, halved whenever they pass `periodSamples`.
 */
export class AdaptiveWindow {
  private readonly options: Required<AdaptiveWindowOptions> & { readonly max: number };
  private current: number;
  private periodEnds: number;
  private readonly baseline: number[] = [];
  private baselineNext = 0;
  /** The target now (recomputed at each period's end from the baseline). */
  private targetMs: number;
  /** Check-ins during deployments since the window last halved, and how many of them were slow. */
  private seen = 0;
  private slow = 0;
  /** The last decision's figures, for `/status`. */
  private last: { checkIns: number; slow: number; targetMs: number } | null = null;

  constructor(max: number, options: AdaptiveWindowOptions = {}, now = performance.now()) {
    this.options = { ...DEFAULT_ADAPTIVE_WINDOW_OPTIONS, ...options, max };
    const o = this.options;
    for (const f of ['max', 'min', 'periodMs', 'baselineSamples', 'periodSamples'] as const) {
      if (!Number.isInteger(o[f]) || o[f] < 1) throw new ConfigError(`deploy.adaptive.${f}`, 'must be an integer ≥ 1');
    }
    if (o.min > o.max) throw new ConfigError('deploy.adaptive.min', `must be at most the window (${o.max})`);
    if (!(o.factor >= 1)) throw new ConfigError('deploy.adaptive.factor', 'must be a number ≥ 1');
    if (!(o.quantile > 0 && o.quantile < 1)) throw new ConfigError('deploy.adaptive.quantile', 'must be a number between 0 and 1');
    if (!(o.floorMs >= 0)) throw new ConfigError('deploy.adaptive.floorMs', 'must be a number ≥ 0');
    this.current = o.max;
    this.periodEnds = now + o.periodMs;
    this.targetMs = o.floorMs;
  }

  /** One agent's check-in, answered in `latencyMs`; `deploying`: whether a deployment's recompiles were in flight. */
  observe(latencyMs: number, deploying: boolean, now = performance.now()): void {
    this.roll(now);
    if (!deploying) {
      const first = this.baseline.length === 0;
      this.baseline[this.baselineNext] = latencyMs;
      this.baselineNext = (this.baselineNext + 1) % this.options.baselineSamples;
      if (first) this.retarget();
      return;
    }
    this.seen++;
    if (latencyMs > this.targetMs) this.slow++;
    if (this.seen > this.options.periodSamples) {
      this.seen /= 2;
      this.slow /= 2;
    }
  }

  /** The window now (deciding the periods that ended since the last call). */
  size(now = performance.now()): number {
    this.roll(now);
    return this.current;
  }

  status(now = performance.now()): { size: number; max: number; min: number; quantile: number; targetMs: number; lastCheckIns: number | null; lastSlow: number | null } {
    return {
      size: this.size(now), max: this.options.max, min: this.options.min, quantile: this.options.quantile, targetMs: this.targetMs,
      lastCheckIns: this.last?.checkIns ?? null, lastSlow: this.last?.slow ?? null,
    };
  }

  private roll(now: number): void {
    if (now < this.periodEnds) return;
    this.decide();
    this.retarget();
    // Periods that passed with no call at all had no check-ins: each is calm.
    const idle = Math.floor((now - this.periodEnds) / this.options.periodMs);
    this.current = Math.min(this.options.max, this.current + idle);
    this.periodEnds += (idle + 1) * this.options.periodMs;
  }

  private decide(): void {
    const o = this.options;
    if (this.seen > 0) this.last = { checkIns: Math.round(this.seen), slow: Math.round(this.slow), targetMs: this.targetMs };
    if (this.slow > Math.max(1, (1 - o.quantile) * this.seen)) {
      this.current = Math.max(o.min, Math.floor(this.current / 2));
      this.seen = 0;
      this.slow = 0;
      return;
    }
    this.current = Math.min(o.max, this.current + 1);
  }

  private retarget(): void {
    const o = this.options;
    this.targetMs = Math.max(o.floorMs, this.baseline.length === 0 ? 0 : o.factor * quantile(this.baseline, o.quantile));
  }
}

function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}
