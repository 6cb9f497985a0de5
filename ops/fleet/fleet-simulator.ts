import { agentRun, type AgentRunOptions, type AgentRunResult } from './fleet-agent.js';
import { LatencyStats } from './latency-stats.js';

export interface FleetOptions extends AgentRunOptions {
  readonly nodes: number;
  /** Time between a node's runs (Puppet's `runinterval`). */
  readonly intervalMs: number;
  /** First runs are spread evenly over this window (Puppet's `splay`); 0 = all at once. */
  readonly splayMs: number;
  /** Runs per node before the simulator stops; Infinity for a soak. */
  readonly runsPerNode: number;
  /** Stop after this long even if runs remain. */
  readonly durationMs: number;
  /** Requests in flight at most (the simulator's own bound). */
  readonly maxConcurrent: number;
  /** Told of every run as it ends, with when it began (`performance.now()`): for a caller that sorts runs by what else was going on. */
  readonly onRun?: (result: AgentRunResult, beganAt: number) => void;
}

export const DEFAULT_FLEET_OPTIONS = {
  url: 'http://127.0.0.1:8140',
  api: 'v4',
  nodes: 100,
  intervalMs: 30 * 60_000,
  splayMs: 60_000,
  runsPerNode: Infinity,
  durationMs: Infinity,
  maxConcurrent: 10_000,
  requestTimeoutMs: 120_000,
  runTimeoutMs: 30 * 60_000,
  report: true,
  retryAfterScale: 1,
} as const satisfies FleetOptions;

export interface FleetStats {
  readonly started: number;
  readonly ok: number;
  readonly failed: number;
  readonly retries: number;
  /** Connections that failed and moved an agent to the next server of its `serverList`. */
  readonly failovers: number;
  readonly inFlight: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: readonly string[];
}

/**
 * N simulated Puppet agents on a schedule: each runs every `intervalMs`,
 * the first runs spread over `splayMs`. Bounded in requests in flight,
 * in run time, and in what it remembers (latency reservoir, 10 errors).
 */
export class FleetSimulator {
  private readonly o: FleetOptions;
  private readonly latency = new LatencyStats();
  private started = 0;
  private ok = 0;
  private failed = 0;
  private retries = 0;
  private failovers = 0;
  private inFlight = 0;
  private readonly errors: string[] = [];
  private readonly waiting: Array<() => void> = [];
  /** Sleeping nodes: their timer and how to wake them (stop wakes them all, so `run` resolves). */
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  constructor(options: Partial<FleetOptions> = {}) {
    this.o = { ...DEFAULT_FLEET_OPTIONS, ...options };
  }

  /** Runs the fleet; resolves when every node did its runs or time is up. */
  async run(): Promise<FleetStats> {
    const end = Date.now() + this.o.durationMs;
    const nodes = Array.from({ length: this.o.nodes }, (_, i) => this.node(i, end));
    await Promise.all(nodes);
    return this.stats();
  }

  stop(): void {
    this.stopped = true;
    for (const [t, wake] of this.sleepers) {
      clearTimeout(t);
      wake();
    }
    this.sleepers.clear();
  }

  stats(): FleetStats {
    return {
      started: this.started, ok: this.ok, failed: this.failed, retries: this.retries, failovers: this.failovers, inFlight: this.inFlight,
      p50Ms: this.latency.percentile(50), p99Ms: this.latency.percentile(99), errors: [...this.errors],
    };
  }

  private async node(index: number, end: number): Promise<void> {
    const offset = this.o.nodes > 1 ? (index / this.o.nodes) * this.o.splayMs : 0;
    await this.sleep(offset);
    for (let run = 0; !this.stopped && Date.now() < end; ) {
      const began = Date.now();
      const beganAt = performance.now();
      const result = await this.limited(() => agentRun(index, this.o));
      this.record(result);
      this.o.onRun?.(result, beganAt);
      if (++run >= this.o.runsPerNode) return;
      await this.sleep(Math.min(end - Date.now(), Math.max(0, began + this.o.intervalMs - Date.now())));
    }
  }

  private record(r: AgentRunResult): void {
    this.retries += r.retries;
    this.failovers += r.failovers;
    if (r.outcome === 'ok') {
      this.ok++;
      this.latency.add(r.timeToCatalogMs);
    } else {
      this.failed++;
      if (this.errors.length < 10) this.errors.push(`${r.certname}: ${r.error}`);
    }
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.o.maxConcurrent) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    this.started++;
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.sleepers.delete(t); resolve(); }, ms);
      this.sleepers.set(t, resolve);
    });
  }
}
