import { ConfigError } from '../../core/errors/troupe-error.js';

export interface AdaptiveWindowOptions {
  /** The fewest recompiles in flight: a deployment always moves on. @defaultValue 1 */
  readonly min?: number;
  /**
   * Agents' check-in latency while a deployment runs, as a multiple of
   * their latency with none running, above which the window halves.
   * @defaultValue 2
   */
  readonly factor?: number;
  /**
   * The percentile of check-in latency compared, in a period and in the
   * baseline: the 99th, as the target of a push is stated (check-in p99
   * at most twice the idle figure). With few check-ins a period it is
   * their slowest.
   * @defaultValue 0.99
   */
  readonly quantile?: number;
  /**
   * Check-in latency (the quantile of a period) at or below which the
   * window never shrinks, whatever the baseline: a few milliseconds more
   * on a quiet fleet is no reason to slow a deployment down.
   * @defaultValue 10
   */
  readonly floorMs?: number;
  /** How often the window is decided (one step at most per period). @defaultValue 1000 */
  readonly periodMs?: number;
  /** Check-ins kept for the baseline: the latest answered while no deployment ran. @defaultValue 256 */
  readonly baselineSamples?: number;
  /** Check-ins kept per period; more in one period replace earlier ones at random (reservoir). @defaultValue 1024 */
  readonly periodSamples?: number;
}

export const DEFAULT_ADAPTIVE_WINDOW_OPTIONS = { min: 1, factor: 2, quantile: 0.99, floorMs: 10, periodMs: 1000, baselineSamples: 256, periodSamples: 1024 } as const;

/**
 * A deployment's window (recompiles in flight at once) steered by the
 * agents' own check-ins, AIMD as TCP does: after a period in which the
 * check-ins answered while the deployment ran were slower (`quantile`,
 * the 99th percentile) than `factor` × their baseline — the same percentile of
 * recent check-ins answered while no deployment ran, and never below
 * `floorMs` — the window halves (down to `min`); after any other period it
 * grows by one (up to `max`). With no agents checking in there is nothing
 * to protect: it grows to `max`, so a deployment alone runs at the compile
 * pool's full rate. The window starts at `max`. Memory is bounded: the
 * baseline keeps its latest `baselineSamples`, a period at most
 * `periodSamples`.
 */
export class AdaptiveWindow {
  private readonly options: Required<AdaptiveWindowOptions> & { readonly max: number };
  private current: number;
  private periodEnds: number;
  private readonly baseline: number[] = [];
  private baselineNext = 0;
  private period: number[] = [];
  private periodSeen = 0;
  /** The last decision's figures, for `/status`. */
  private last: { latencyMs: number; targetMs: number } | null = null;

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
  }

  /** One agent's check-in, answered in `latencyMs`; `deploying`: whether a deployment's recompiles were in flight. */
  observe(latencyMs: number, deploying: boolean, now = performance.now()): void {
    this.roll(now);
    if (!deploying) {
      this.baseline[this.baselineNext] = latencyMs;
      this.baselineNext = (this.baselineNext + 1) % this.options.baselineSamples;
      return;
    }
    this.periodSeen++;
    if (this.period.length < this.options.periodSamples) this.period.push(latencyMs);
    else {
      const i = Math.floor(Math.random() * this.periodSeen);
      if (i < this.period.length) this.period[i] = latencyMs;
    }
  }

  /** The window now (deciding the periods that ended since the last call). */
  size(now = performance.now()): number {
    this.roll(now);
    return this.current;
  }

  status(now = performance.now()): { size: number; max: number; min: number; quantile: number; lastLatencyMs: number | null; lastTargetMs: number | null } {
    return { size: this.size(now), max: this.options.max, min: this.options.min, quantile: this.options.quantile, lastLatencyMs: this.last?.latencyMs ?? null, lastTargetMs: this.last?.targetMs ?? null };
  }

  private roll(now: number): void {
    if (now < this.periodEnds) return;
    this.decide();
    // Periods that passed with no call at all had no check-ins: each is calm.
    const idle = Math.floor((now - this.periodEnds) / this.options.periodMs);
    this.current = Math.min(this.options.max, this.current + idle);
    this.periodEnds += (idle + 1) * this.options.periodMs;
  }

  private decide(): void {
    const o = this.options;
    if (this.period.length === 0) {
      this.current = Math.min(o.max, this.current + 1);
      return;
    }
    const latencyMs = quantile(this.period, o.quantile);
    const targetMs = Math.max(o.floorMs, this.baseline.length === 0 ? 0 : o.factor * quantile(this.baseline, o.quantile));
    this.last = { latencyMs, targetMs };
    this.current = latencyMs > targetMs ? Math.max(o.min, Math.floor(this.current / 2)) : Math.min(o.max, this.current + 1);
    this.period = [];
    this.periodSeen = 0;
  }
}

function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}
