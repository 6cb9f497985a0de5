import { ConfigError, TroupeError } from '../../core/errors/troupe-error.js';

export interface CompilePoolOptions {
  /**
   * Compiles running at once.
   * @defaultValue the number of CPU cores
   */
  readonly concurrency?: number;
  /**
   * Compiles that may wait for a slot; beyond it `run` rejects with
   * `pool_full`. Admission control keeps the real queue far below this.
   * @defaultValue 10_000
   */
  readonly maxQueued?: number;
  /**
   * Slots background compiles (priority below 0: a deployment's, a
   * dependency's) may take at once; the rest are kept for requests'
   * own compiles (priority 0–9), so an agent that checks in during a
   * deployment starts its compile at once instead of waiting for a
   * deployment's to end. Background work still keeps every slot it may
   * take busy (its next compiles wait here), so it runs at the pool's
   * full rate when no agent needs the kept slot.
   * @defaultValue concurrency − 1 (at least 1)
   */
  readonly backgroundSlots?: number;
}

interface Waiting {
  readonly priority: number;
  readonly position: number;
  readonly start: () => void;
}

/**
 * Bounded concurrency for compile work, highest priority first (critical
 * nodes jump the queue), then the oldest request (lowest log position)
 * first, then FIFO. Requests come in log order, so that is FIFO too —
 * except work resumed from the log (a shard taken over from a crashed
 * instance, a restart), whose agents have waited longest: it goes first.
 * Background work (priority below 0) never takes the slots kept for
 * requests' own compiles.
 */
export class CompilePool {
  readonly concurrency: number;
  readonly maxQueued: number;
  readonly backgroundSlots: number;
  private running = 0;
  private runningBackground = 0;
  private readonly waiting: Waiting[] = [];

  constructor(options: CompilePoolOptions & { concurrency: number }) {
    this.concurrency = options.concurrency;
    this.maxQueued = options.maxQueued ?? 10_000;
    this.backgroundSlots = options.backgroundSlots ?? Math.max(1, this.concurrency - 1);
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new ConfigError('compile.concurrency', 'must be an integer ≥ 1');
    if (!Number.isInteger(this.backgroundSlots) || this.backgroundSlots < 1 || this.backgroundSlots > this.concurrency) {
      throw new ConfigError('compile.backgroundSlots', 'must be an integer from 1 to the concurrency');
    }
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** `position`: the request's log position (its age). @defaultValue Infinity (after every positioned one of its priority, FIFO) */
  run<T>(priority: number, task: () => Promise<T>, position = Infinity): Promise<T> {
    // Waiting compiles of this priority or higher go first (those waiting at all are background work at its limit).
    const head = this.waiting[0];
    if ((!head || head.priority < priority) && this.mayStart(priority)) return this.execute(priority, task);
    if (this.waiting.length >= this.maxQueued) {
      return Promise.reject(new TroupeError('pool_full', `${this.maxQueued} compiles are already waiting`));
    }
    return new Promise<T>((resolve, reject) => {
      this.insert({ priority, position, start: () => this.execute(priority, task).then(resolve, reject) });
    });
  }

  private mayStart(priority: number): boolean {
    return this.running < this.concurrency && (priority >= 0 || this.runningBackground < this.backgroundSlots);
  }

  private async execute<T>(priority: number, task: () => Promise<T>): Promise<T> {
    const background = priority < 0;
    this.running++;
    if (background) this.runningBackground++;
    try {
      return await task();
    } finally {
      this.running--;
      if (background) this.runningBackground--;
      // Highest priority first: when the head may not start (background at its limit), nothing behind it may.
      while (this.waiting[0] && this.mayStart(this.waiting[0].priority)) this.waiting.shift()!.start();
    }
  }

  /** Keeps `waiting` sorted: priority descending, then position, then arrival. */
  private insert(w: Waiting): void {
    let i = this.waiting.length;
    while (i > 0 && runsAfter(this.waiting[i - 1]!, w)) i--;
    this.waiting.splice(i, 0, w);
  }
}

const runsAfter = (queued: Waiting, w: Waiting): boolean =>
  queued.priority < w.priority || (queued.priority === w.priority && queued.position > w.position);
