import { ConfigError } from '../../core/errors/troupe-error.js';

export interface MailboxPolicy<M> {
  /**
   * Messages with the same key conflate: the newer one makes the queued
   * older one obsolete. `undefined` means the message never conflates.
   */
  conflationKey(message: M): string | undefined;
  /** Combines a queued message with a newer one of the same key. */
  merge(older: M, newer: M): M;
  /** Higher is taken first; equal priorities leave in arrival order. */
  priority(message: M): number;
}

export type EnqueueResult = 'queued' | 'conflated' | 'rejected';

/**
 * A bounded mailbox that sits in front of an actor (xstate's own mailbox is
 * unbounded). Overflow rule: a message that conflates with a queued one
 * always fits (it replaces it); any other message is `rejected` once
 * `capacity` messages are queued, and the caller applies back-pressure
 * (the event is still in the log, nothing is lost).
 */
export class BoundedMailbox<M> {
  private readonly queue: Array<{ message: M; seq: number }> = [];
  private seq = 0;

  constructor(readonly capacity: number, private readonly policy: MailboxPolicy<M>) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new ConfigError('mailbox.capacity', 'must be an integer ≥ 1');
  }

  get size(): number {
    return this.queue.length;
  }

  enqueue(message: M): EnqueueResult {
    const key = this.policy.conflationKey(message);
    if (key !== undefined) {
      const i = this.queue.findIndex((q) => this.policy.conflationKey(q.message) === key);
      if (i >= 0) {
        // The merged message takes the newer one's place in arrival order.
        this.queue[i] = { message: this.policy.merge(this.queue[i]!.message, message), seq: this.seq++ };
        return 'conflated';
      }
    }
    if (this.queue.length >= this.capacity) return 'rejected';
    this.queue.push({ message, seq: this.seq++ });
    return 'queued';
  }

  dequeue(): M | undefined {
    let best = -1;
    for (let i = 0; i < this.queue.length; i++) {
      if (best < 0 || this.better(this.queue[i]!, this.queue[best]!)) best = i;
    }
    return best < 0 ? undefined : this.queue.splice(best, 1)[0]!.message;
  }

  peekAll(): readonly M[] {
    return this.queue.map((q) => q.message);
  }

  private better(a: { message: M; seq: number }, b: { message: M; seq: number }): boolean {
    const pa = this.policy.priority(a.message);
    const pb = this.policy.priority(b.message);
    return pa > pb || (pa === pb && a.seq < b.seq);
  }
}
