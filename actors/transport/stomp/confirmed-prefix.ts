/** One log batch whose messages are out at the broker. */
export interface SentBatch {
  /** The batch's last log position: where the checkpoint may go once it is confirmed. */
  readonly position: number;
  /** Its messages awaiting a receipt. */
  readonly messages: number;
}

/**
 * The pusher's batches in log order while their receipts are awaited. A
 * later batch's receipts can come before an earlier one's; the checkpoint
 * moves only over the longest confirmed prefix, so it never passes a
 * catalog the broker has not confirmed. Bounded by its user: the pusher
 * stops reading the log while `unconfirmed` is above its limit.
 */
export class ConfirmedPrefix {
  private readonly batches: Array<SentBatch & { confirmed: boolean }> = [];
  private waiting = 0;

  /** Messages sent and not yet confirmed, all batches together. */
  get unconfirmed(): number {
    return this.waiting;
  }

  /** Batches not yet released by {@link confirm}. */
  get size(): number {
    return this.batches.length;
  }

  add(batch: SentBatch): void {
    const last = this.batches[this.batches.length - 1];
    if (last && batch.position <= last.position) throw new RangeError(`batch at ${batch.position} after one at ${last.position}: batches come in log order`);
    this.batches.push({ ...batch, confirmed: false });
    this.waiting += batch.messages;
  }

  /**
   * Marks the batch ending at `position` confirmed. Returns the confirmed
   * prefix it releases (its last position and how many messages), or null
   * when an earlier batch is still awaited or it was released already.
   */
  confirm(position: number): { position: number; messages: number } | null {
    const batch = this.batches.find((b) => b.position === position);
    if (!batch || batch.confirmed) return null;
    batch.confirmed = true;
    this.waiting -= batch.messages;
    let upTo: number | undefined;
    let messages = 0;
    while (this.batches[0]?.confirmed) {
      const b = this.batches.shift()!;
      upTo = b.position;
      messages += b.messages;
    }
    return upTo === undefined ? null : { position: upTo, messages };
  }
}
