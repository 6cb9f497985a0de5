/**
 * Wakes caught-up subscriptions: `wait` resolves on the next `wake` (a
 * commit, a notification, another process's nudge) or after `ms`, whichever
 * comes first, so an append nobody signals is still seen within `ms`.
 * A reader takes `generation` before it reads and passes it to `wait`: a
 * wake that came while it was reading ends the wait at once instead of
 * being lost (the read may have started just before that commit).
 */
export class AppendSignal {
  private readonly waiters = new Set<() => void>();
  private wakes = 0;

  /** Changes on every wake. */
  get generation(): number {
    return this.wakes;
  }

  wait(ms: number, seen: number = this.wakes): Promise<void> {
    if (seen !== this.wakes) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  wake(): void {
    this.wakes++;
    for (const f of [...this.waiters]) f();
  }
}
