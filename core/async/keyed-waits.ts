/**
 * Promises keyed by an id, each resolved by whoever learns its answer
 * (`settle`) or with a given answer at its own deadline, whichever comes
 * first; a key waits once at a time. Bounding how many wait is the
 * caller's (`size`).
 */
export class KeyedWaits<A> {
  private readonly waits = new Map<string, { readonly resolve: (answer: A) => void; readonly timer: NodeJS.Timeout }>();

  get size(): number {
    return this.waits.size;
  }

  has(key: string): boolean {
    return this.waits.has(key);
  }

  /** Waits for `key`'s answer: what `settle` gives it, or `onTimeout` after `timeoutMs`. */
  wait(key: string, timeoutMs: number, onTimeout: A): Promise<A> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(key, onTimeout), timeoutMs);
      this.waits.set(key, { resolve, timer });
    });
  }

  /** Resolves `key`'s wait with `answer`, if one is open. */
  settle(key: string, answer: A): void {
    const w = this.waits.get(key);
    if (!w) return;
    clearTimeout(w.timer);
    this.waits.delete(key);
    w.resolve(answer);
  }

  /** Ends `key`'s wait without an answer: its promise never resolves. */
  cancel(key: string): void {
    const w = this.waits.get(key);
    if (w) clearTimeout(w.timer);
    this.waits.delete(key);
  }

  /** Resolves every open wait with `answer`. */
  settleAll(answer: A): void {
    for (const key of [...this.waits.keys()]) this.settle(key, answer);
  }
}
