/**
 * Runs an async step one at a time: a call while it runs makes it run once
 * more afterwards (however many calls came meanwhile), never twice at once.
 * The feeders (deployments, dependency recompiles) call it on every event
 * that may have made room and on a retry timer.
 */
export class CoalescingRun {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  /**
   * @param step the work; a rejection is passed to `onError` and the next call runs it again.
   * @param onSettled called each time a run ends with nothing more to do.
   */
  constructor(
    private readonly step: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly onSettled: () => void = () => {},
  ) {}

  /** Runs the step now, or once more after the current run. Nothing after `stop`. */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.step().catch(this.onError);
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
      this.onSettled();
    });
  }

  /** No new runs; resolves once the current one has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
