import { TroupeError } from '../../core/errors/troupe-error.js';
import type { PuppetProcess } from './puppet-process.js';

export interface PuppetPoolOptions {
  /** Ruby processes at most. */
  readonly size: number;
  /** A process is replaced after this many compiles. */
  readonly maxCompilesPerProcess: number;
  /** A process whose resident memory is above this after a compile is replaced. */
  readonly maxRssMb: number;
  /** Compiles that may wait for a process; beyond it `pool_full`. */
  readonly maxQueue: number;
  readonly start: () => PuppetProcess;
}

/** What `/status` shows of the pool. */
export type PuppetPoolStats = {
  readonly size: number;
  readonly running: number;
  readonly busy: number;
  readonly queued: number;
  /** Processes replaced after a crash, a deadline or a failed start. */
  readonly restarts: number;
  /** Processes replaced on purpose (compile count or memory limit). */
  readonly recycled: number;
  readonly processes: readonly { readonly pid: number | undefined; readonly compiles: number; readonly busy: boolean; readonly rssMb: number | undefined }[];
};

interface Waiter {
  readonly resolve: (p: PuppetProcess) => void;
  readonly reject: (e: Error) => void;
}

/**
 * A bounded pool of Puppet processes: started on demand up to `size`,
 * each lent to one compile at a time; a spent process (crashed, killed at
 * the deadline, or past its compile or memory limit) is replaced at once,
 * so the pool stays warm and other compiles never notice.
 */
export class PuppetPool {
  private readonly processes = new Set<PuppetProcess>();
  private readonly idle: PuppetProcess[] = [];
  private readonly waiters: Waiter[] = [];
  private restarts = 0;
  private recycled = 0;
  private closed = false;

  constructor(private readonly options: PuppetPoolOptions) {}

  /** Runs `use` with a process of its own; rejects with `pool_full` past the queue bound, or when Puppet cannot start. */
  async with<T>(use: (p: PuppetProcess) => Promise<T>): Promise<T> {
    const p = await this.acquire();
    try {
      return await use(p);
    } finally {
      this.release(p);
    }
  }

  invalidate(environment?: string): void {
    for (const p of this.processes) {
      if (environment === undefined) p.loaded.clear(); else p.loaded.delete(environment);
    }
  }

  stats(): PuppetPoolStats {
    const all = [...this.processes];
    return {
      size: this.options.size, running: all.length, busy: all.filter((p) => p.busy).length, queued: this.waiters.length,
      restarts: this.restarts, recycled: this.recycled,
      processes: all.map((p) => ({ pid: p.pid, compiles: p.compiles, busy: p.busy, rssMb: p.rssMb() })),
    };
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new TroupeError('pool_full', 'the Puppet pool is closing'));
    for (const p of this.processes) p.retire(1000);
    this.processes.clear();
    this.idle.length = 0;
  }

  private acquire(): Promise<PuppetProcess> {
    for (let p = this.idle.pop(); p; p = this.idle.pop()) {
      if (p.alive) return Promise.resolve(p);
      this.restarts++; // died while idle; a new one starts below
      this.processes.delete(p);
    }
    if (this.closed) return Promise.reject(new TroupeError('pool_full', 'the Puppet pool is closed'));
    if (this.waiters.length >= this.options.maxQueue) {
      return Promise.reject(new TroupeError('pool_full', `${this.options.maxQueue} compiles already wait for a Puppet process`));
    }
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (this.processes.size < this.options.size) this.start();
    });
  }

  private release(p: PuppetProcess): void {
    if (!p.alive) {
      this.restarts++;
      this.replace(p);
    } else if (p.compiles >= this.options.maxCompilesPerProcess || (p.rssMb() ?? 0) > this.options.maxRssMb) {
      this.recycled++;
      p.retire();
      this.replace(p);
    } else {
      this.lend(p);
    }
  }

  private replace(p: PuppetProcess): void {
    this.processes.delete(p);
    if (!this.closed) this.start();
  }

  /** A new process joins when it is ready; one that cannot start fails the oldest waiter with why. */
  private start(): void {
    const p = this.options.start();
    this.processes.add(p);
    p.ready.then(
      () => (this.closed ? p.retire(1000) : this.lend(p)),
      (e: Error) => {
        this.processes.delete(p);
        this.restarts++;
        this.waiters.shift()?.reject(new TroupeError('compile_failed', `the Puppet compile process could not start: ${e.message}`));
        // Each waiter gets its own attempt, so none waits for a start that never comes.
        if (this.waiters.length > 0 && !this.closed) this.start();
      },
    );
  }

  private lend(p: PuppetProcess): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(p);
    else this.idle.push(p);
  }
}
