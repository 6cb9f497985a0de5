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
 */
export class CompilePool {
  readonly concurrency: number;
  readonly maxQueued: number;
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(options: CompilePoolOptions & { concurrency: number }) {
    this.concurrency = options.concurrency;
    this.maxQueued = options.maxQueued ?? 10_000;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new ConfigError('compile.concurrency', 'must be an integer ≥ 1');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** `position`: the request's log position (its age). @defaultValue Infinity (after every positioned one of its priority, FIFO) */
  run<T>(priority: number, task: () => Promise<T>, position = Infinity): Promise<T> {
    if (this.running < this.concurrency) return this.execute(task);
    if (this.waiting.length >= this.maxQueued) {
      return Promise.reject(new TroupeError('pool_full', `${this.maxQueued} compiles are already waiting`));
    }
    return new Promise<T>((resolve, reject) => {
      this.insert({ priority, position, start: () => this.execute(task).then(resolve, reject) });
    });
  }

  private async execute<T>(task: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.start();
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
