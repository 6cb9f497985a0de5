/**
 * Back-off for restarted workers: throng revives a dead worker at once and
 * forever, so a worker that crashes on start would spin. Each crash within
 * the window doubles the delay before the replacement starts its work.
 */
export class CrashGuard {
  private crashes: number[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly baseDelayMs = 500,
    private readonly maxDelayMs = 30_000,
  ) {}

  recordCrash(now = Date.now()): void {
    this.crashes.push(now);
  }

  /** How long a worker starting now should wait before taking work. */
  startDelay(now = Date.now()): number {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    const n = this.crashes.length;
    return n === 0 ? 0 : Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1));
  }
}
