/**
 * Wakes whoever waits for something to happen: `wait` resolves on the next
 * `wake` or after `ms`, whichever comes first. The event logs wake their
 * caught-up subscriptions on a commit, a notification or another process's
 * nudge, so an append nobody signals is still seen within `ms`; a cluster
 * wakes compile jobs waiting for an actor worker when one is ready.
 * A reader takes `generation` before it reads and passes it to `wait`: a
 * wake that came while it was reading ends the wait at once instead of
 * being lost (the read may have started just before that commit).
 */
export class WakeSignal {
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
