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
  readonly seq: number;
  readonly start: () => void;
}

/**
 * Bounded concurrency for compile work, highest priority first (critical
 * nodes jump the queue), FIFO within a priority.
 */
export class CompilePool {
  readonly concurrency: number;
  readonly maxQueued: number;
  private running = 0;
  private seq = 0;
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

  run<T>(priority: number, task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) return this.execute(task);
    if (this.waiting.length >= this.maxQueued) {
      return Promise.reject(new TroupeError('pool_full', `${this.maxQueued} compiles are already waiting`));
    }
    return new Promise<T>((resolve, reject) => {
      this.insert({ priority, seq: this.seq++, start: () => this.execute(task).then(resolve, reject) });
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

  /** Keeps `waiting` sorted: priority descending, then arrival. */
  private insert(w: Waiting): void {
    let i = this.waiting.length;
    while (i > 0 && this.waiting[i - 1]!.priority < w.priority) i--;
    this.waiting.splice(i, 0, w);
  }
}
