import { TroupeError } from '../../core/errors/troupe-error.js';
import type { PuppetProcess } from './puppet-process.js';

export interface PuppetPoolOptions {
  /** Ruby processes at most. */
  readonly size: number;
  /**
   * Compiles lent to one process at once: one compiling, the rest sent
   * ahead so that Ruby starts the next without waiting for Node. 1 is one
   * compile at a time. @defaultValue PIPELINE_DEPTH
   */
  readonly depth?: number;
  /** A process is replaced after this many compiles. */
  readonly maxCompilesPerProcess: number;
  /** A process whose resident memory is above this after a compile is replaced (read at most once a second). */
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

/** Compiles per process at once by default: the one compiling and one sent ahead. */
export const PIPELINE_DEPTH = 2;

interface Waiter {
  readonly resolve: (p: PuppetProcess) => void;
  readonly reject: (e: Error) => void;
}

/**
 * A bounded pool of Puppet processes: started on demand up to `size`,
 * each lent to up to `depth` compiles at once (an idle process first); a
 * spent process (crashed, killed at the deadline, or past its compile or
 * memory limit) is replaced at once, so the pool stays warm and other
 * compiles never notice. A process past its limits gets no more compiles
 * and ends when those it has are answered.
 */
export class PuppetPool {
  /** Processes that take compiles, with how many each is lent to. */
  private readonly lent = new Map<PuppetProcess, number>();
  /** Started, not ready yet. */
  private readonly starting = new Set<PuppetProcess>();
  /** Retired for their compile count or memory, with the compiles they still have: they end after the last. */
  private readonly draining = new Map<PuppetProcess, number>();
  private readonly depth: number;
  private readonly waiters: Waiter[] = [];
  private restarts = 0;
  private recycled = 0;
  private closed = false;

  constructor(private readonly options: PuppetPoolOptions) {
    this.depth = options.depth ?? PIPELINE_DEPTH;
  }

  /** Runs `use` with a process (shared with at most depth - 1 other compiles); rejects with `pool_full` past the queue bound, or when Puppet cannot start. */
  async with<T>(use: (p: PuppetProcess) => Promise<T>): Promise<T> {
    const p = await this.acquire();
    try {
      return await use(p);
    } finally {
      this.release(p);
    }
  }

  /**
   * Forgets which code processes loaded for `environment` (its own and its
   * code versions', keyed `<environment>@<dir>`), or for all: each reloads
   * it before its next compile there.
   */
  invalidate(environment?: string): void {
    for (const p of this.lent.keys()) {
      if (environment === undefined) { p.loaded.clear(); continue; }
      for (const k of [...p.loaded.keys()]) if (k === environment || k.startsWith(`${environment}@`)) p.loaded.delete(k);
    }
  }

  /** Has processes that loaded a code version drop it (its loader in Ruby, too): it is gone or stale. */
  forget(version: { readonly key: string; readonly environment: string; readonly environmentpath: string }): void {
    for (const p of this.lent.keys()) if (p.loaded.has(version.key)) p.invalidate(version.environment, version);
  }

  stats(): PuppetPoolStats {
    const all = [...this.lent.keys(), ...this.draining.keys(), ...this.starting];
    return {
      size: this.options.size, running: all.length, busy: all.filter((p) => p.busy).length, queued: this.waiters.length,
      restarts: this.restarts, recycled: this.recycled,
      processes: all.map((p) => ({ pid: p.pid, compiles: p.compiles, busy: p.busy, rssMb: p.rssMb() })),
    };
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new TroupeError('pool_full', 'the Puppet pool is closing'));
    for (const p of [...this.lent.keys(), ...this.draining.keys(), ...this.starting]) p.retire(1000);
    this.lent.clear();
    this.draining.clear();
  }

  /** The least busy process with room: an idle one first, else one that can take a compile ahead. */
  private available(): PuppetProcess | undefined {
    let best: PuppetProcess | undefined;
    let bestLent = this.depth;
    for (const [p, n] of this.lent) {
      if (!p.alive) { this.restarts++; this.lent.delete(p); if (!this.closed) this.start(); continue; }
      if (n < bestLent) { best = p; bestLent = n; }
    }
    return best;
  }

  private acquire(): Promise<PuppetProcess> {
    if (this.closed) return Promise.reject(new TroupeError('pool_full', 'the Puppet pool is closed'));
    const p = this.available();
    // Busy processes take a compile ahead only when the pool cannot grow: a new process serves it sooner.
    if (p && (this.lent.get(p) === 0 || this.lent.size + this.starting.size >= this.options.size)) {
      this.lent.set(p, this.lent.get(p)! + 1);
      return Promise.resolve(p);
    }
    if (this.waiters.length >= this.options.maxQueue) {
      return Promise.reject(new TroupeError('pool_full', `${this.options.maxQueue} compiles already wait for a Puppet process`));
    }
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (this.lent.size + this.starting.size < this.options.size) this.start();
    });
  }

  private release(p: PuppetProcess): void {
    const draining = this.draining.get(p);
    if (draining !== undefined) {
      if (draining > 1) this.draining.set(p, draining - 1);
      else { this.draining.delete(p); p.retire(); }
      return;
    }
    const n = this.lent.get(p);
    if (n === undefined) return; // found dead and replaced already
    this.lent.set(p, n - 1);
    if (!p.alive) {
      this.restarts++;
      this.replace(p);
    } else if (p.compiles >= this.options.maxCompilesPerProcess || p.memoryAbove(this.options.maxRssMb)) {
      this.recycled++;
      this.replace(p);
      if (n - 1 > 0) this.draining.set(p, n - 1); else p.retire();
    } else {
      this.lend(p);
    }
  }

  private replace(p: PuppetProcess): void {
    this.lent.delete(p);
    if (!this.closed) this.start();
  }

  /** A new process joins when it is ready; one that cannot start fails the oldest waiter with why. */
  private start(): void {
    const p = this.options.start();
    this.starting.add(p);
    p.ready.then(
      () => {
        this.starting.delete(p);
        if (this.closed) { p.retire(1000); return; }
        this.lent.set(p, 0);
        this.lend(p);
      },
      (e: Error) => {
        this.starting.delete(p);
        this.restarts++;
        this.waiters.shift()?.reject(new TroupeError('compile_failed', `the Puppet compile process could not start: ${e.message}`));
        // Each waiter gets its own attempt, so none waits for a start that never comes.
        if (this.waiters.length > 0 && !this.closed) this.start();
      },
    );
  }

  /** Gives `p` to waiting compiles while it has room. */
  private lend(p: PuppetProcess): void {
    for (let n = this.lent.get(p) ?? this.depth; n < this.depth && this.waiters.length > 0; n++) {
      this.lent.set(p, n + 1);
      this.waiters.shift()!.resolve(p);
    }
  }
}
