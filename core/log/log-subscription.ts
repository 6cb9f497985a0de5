import { isResourceFault } from '../errors/resource-fault.js';
import type { RecordedEvent } from '../events/event.types.js';
import type { EventLog, SubscribeOptions, Subscription } from './event-log.js';

/**
 * Catch-up, then live: reads batches from the log until it is caught up,
 * then waits for the next append (or a poll tick) and carries on. The
 * handler sees every event exactly once, in order; the next batch is read
 * only after the handler's promise settles, so a slow handler holds the
 * reader back instead of buffering without bound.
 */
export class LogSubscription implements Subscription {
  private closed = false;
  private current = 0;
  private readonly done: Promise<void>;
  /** Resolves on close, so a subscription waiting for an append stops at once. */
  private readonly stopped: Promise<void>;
  private stop: () => void = () => {};

  constructor(
    private readonly log: Pick<EventLog, 'read'>,
    private readonly options: SubscribeOptions,
    /** Waits for the next append (or a poll tick); ends at once if the generation moved past `seen`. */
    private readonly waitForAppend: (seen: number) => Promise<void>,
    /** The log's wake generation (see WakeSignal), taken before each read. */
    private readonly generation: () => number = () => 0,
  ) {
    this.current = options.from;
    this.stopped = new Promise((resolve) => { this.stop = resolve; });
    this.done = this.run();
  }

  get position(): number {
    return this.current;
  }

  private async run(): Promise<void> {
    const limit = this.options.batchSize ?? 500;
    try {
      while (!this.closed) {
        const seen = this.generation();
        const batch = await this.read(limit);
        if (this.closed) return;
        if (batch.length === 0) {
          this.options.onCaughtUp?.();
          await Promise.race([this.waitForAppend(seen), this.stopped]);
          continue;
        }
        await this.options.handler(batch);
        this.current = batch[batch.length - 1]!.position;
      }
    } catch (e) {
      this.closed = true;
      if (this.options.onError) this.options.onError(e);
      else throw e;
    }
  }

  /**
   * The next batch; a read that fails for a transient reason (I/O error,
   * busy lock) is retried with back-off instead of ending the subscription.
   */
  private async read(limit: number): Promise<readonly RecordedEvent[]> {
    for (let delay = 100; ; delay = Math.min(5000, delay * 2)) {
      try {
        return await this.log.read(this.current, { limit, ...(this.options.bodiesOf ? { bodiesOf: this.options.bodiesOf } : {}) });
      } catch (e) {
        if (!isResourceFault(e) || this.closed) throw e;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop();
    await this.done.catch(() => undefined);
  }
}
