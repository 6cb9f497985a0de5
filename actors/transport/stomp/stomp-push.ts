import { ConfigError, isTroupeError } from '../../../core/errors/troupe-error.js';
import type { CatalogCompiled, RecordedEvent } from '../../../core/events/event.types.js';
import { saveCheckpointUnlessRefused, type CheckpointStore } from '../../../core/log/checkpoint-store.js';
import type { EventLog, Subscription } from '../../../core/log/event-log.js';
import { STOMP_HEADERS } from './stomp-command.decoder.js';
import type { OutgoingMessage, StompConnection } from './stomp-connection.js';
import { FileCheckpointStore } from './checkpoint-store.file.js';
import { catalogJson } from '../../../core/catalog/catalog-text.js';
import { ConfirmedPrefix } from './confirmed-prefix.js';

export interface StompPushOptions {
  /**
   * Where the pusher keeps its log position, e.g. `troupe serve`'s
   * `SqliteCheckpointStore` (a table in the log's file). Give this or
   * `checkpointPath`. @defaultValue none
   */
  readonly checkpoints?: Pick<CheckpointStore, 'get' | 'set'>;
  /** A JSON file for the position instead (see FileCheckpointStore). @defaultValue none */
  readonly checkpointPath?: string;
  /** The checkpoint's name. @defaultValue 'stomp-push' */
  readonly checkpointName?: string;
  /** Node destinations are this plus the certname. @defaultValue '/queue/troupe.node.' */
  readonly destinationPrefix?: string;
  /** A catalog not consumed within this is dropped by the broker (`expires`). @defaultValue 3_600_000 (1 h) */
  readonly ttlMs?: number;
  /** JMS priority 0–9. @defaultValue 4 */
  readonly priority?: number;
  /**
   * A node's class priority (config `priorityClasses`): its catalogs go
   * out at the higher of this and `priority`, so a critical node's push
   * overtakes others waiting at the broker. @defaultValue none
   */
  readonly priorityOf?: (certname: string) => number;
  /** Events read from the log per batch. @defaultValue 200 */
  readonly batchSize?: number;
  /**
   * Catalogs sent and awaiting the broker's receipt, all batches together:
   * the pusher sends the next batches while earlier receipts are awaited
   * (ActiveMQ stores a connection's persistent messages one after another,
   * so waiting for each batch's receipts before reading on left the broker
   * idle), and stops reading the log above this until the oldest batch is
   * confirmed. Keep it below the connection's `maxBufferedMessages`.
   * @defaultValue 1000
   */
  readonly maxUnconfirmed?: number;
  /** Wait before retrying when the outgoing buffer is full. @defaultValue 1000 */
  readonly retryDelayMs?: number;
  /** Called if the pusher stops on an unexpected error. @defaultValue none */
  readonly onError?: (error: unknown) => void;
  /** @defaultValue `Date.now` */
  readonly now?: () => number;
}

export const DEFAULT_STOMP_PUSH_OPTIONS = {
  checkpointName: 'stomp-push',
  destinationPrefix: '/queue/troupe.node.',
  ttlMs: 3_600_000,
  priority: 4,
  batchSize: 200,
  maxUnconfirmed: 1000,
  retryDelayMs: 1000,
  onError: () => undefined,
  now: Date.now,
  priorityOf: () => 0,
} as const satisfies Omit<Required<StompPushOptions>, 'checkpointPath' | 'checkpoints'>;

export interface StompPushStatus {
  /** The log position up to which every changed catalog is confirmed by the broker (the checkpoint). */
  readonly position: number;
  /** Catalogs the broker confirmed. */
  readonly pushed: number;
  /** Catalogs sent and awaiting the broker's receipt. */
  readonly unconfirmed: number;
  readonly skippedUnchanged: number;
}

/** The message that carries one compiled catalog to its node. */
export function catalogMessage(
  e: CatalogCompiled,
  options: Pick<typeof DEFAULT_STOMP_PUSH_OPTIONS | Required<StompPushOptions>, 'destinationPrefix' | 'ttlMs' | 'priority'> & Pick<StompPushOptions, 'priorityOf'>,
  now: number,
): OutgoingMessage {
  return {
    destination: `${options.destinationPrefix}${e.stream}`,
    headers: {
      persistent: 'true',
      expires: String(now + options.ttlMs),
      priority: String(Math.max(options.priority, Math.min(9, options.priorityOf?.(e.stream) ?? 0))),
      'content-type': 'application/json',
      [STOMP_HEADERS.group]: e.stream,
      [STOMP_HEADERS.certname]: e.stream,
      [STOMP_HEADERS.eventId]: e.id,
      'troupe-catalog-hash': e.data.hash,
    },
    body: catalogJson(e.data),
  };
}

/**
 * Pushes every changed catalog (`catalog_compiled` whose hash differs from
 * the previous one) to its node's queue: persistent, expiring, prioritised,
 * grouped by certname. Batches are sent back to back with at most
 * `maxUnconfirmed` catalogs awaiting receipts; progress is checkpointed
 * only over batches the broker confirmed, in log order, so catalogs
 * compiled while the pusher (or the broker) was down are pushed on
 * restart; a crash re-pushes at most the unconfirmed ones and a batch
 * (the agent dedupes on `troupe-event-id`).
 */
export class StompPush {
  private readonly options: Omit<Required<StompPushOptions>, 'checkpointPath' | 'checkpoints'>;
  private readonly checkpoints: Pick<CheckpointStore, 'get' | 'set'>;
  private subscription: Subscription | null = null;
  private closing: Promise<void> | undefined;
  private counts = { pushed: 0, skippedUnchanged: 0 };
  private position = 0;
  private readonly sent = new ConfirmedPrefix();
  /** Each sent batch's receipts, by its last position; a batch leaves when it is confirmed. */
  private readonly receipts = new Map<number, Promise<void>>();
  /** A batch the broker never confirmed (the connection closed): the pusher stops at the next batch. */
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly connection: StompConnection,
    private readonly log: Pick<EventLog, 'subscribe'>,
    options: StompPushOptions,
  ) {
    this.options = { ...DEFAULT_STOMP_PUSH_OPTIONS, ...options };
    const p = this.options.priority;
    if (!Number.isInteger(p) || p < 0 || p > 9) throw new ConfigError('priority', 'must be an integer in 0..9');
    if (!(this.options.ttlMs > 0)) throw new ConfigError('ttlMs', 'must be positive');
    if (!Number.isInteger(this.options.maxUnconfirmed) || this.options.maxUnconfirmed < 1) throw new ConfigError('maxUnconfirmed', 'must be an integer ≥ 1');
    if (options.checkpoints && options.checkpointPath) throw new ConfigError('checkpointPath', 'give either checkpoints or checkpointPath, not both');
    if (options.checkpoints) this.checkpoints = options.checkpoints;
    else if (options.checkpointPath) this.checkpoints = new FileCheckpointStore(options.checkpointPath);
    else throw new ConfigError('checkpoints', 'the pusher needs checkpoints or a checkpointPath');
  }

  start(): this {
    if (this.subscription || this.closing) return this;
    this.position = this.checkpoints.get(this.options.checkpointName);
    this.subscription = this.log.subscribe({
      from: this.position,
      batchSize: this.options.batchSize,
      handler: (batch) => this.push(batch),
      onError: this.options.onError,
    });
    return this;
  }

  status(): StompPushStatus {
    return { position: this.position, pushed: this.counts.pushed, unconfirmed: this.sent.unconfirmed, skippedUnchanged: this.counts.skippedUnchanged };
  }

  /** Idempotent; waits for the batches sent to be confirmed (or refused when the connection closes). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.subscription?.close();
      await Promise.all(this.receipts.values());
    })();
    return this.closing;
  }

  private async push(batch: readonly RecordedEvent[]): Promise<void> {
    this.throwIfFailed();
    const last = batch[batch.length - 1];
    if (!last) return;
    const changed = batch.filter((e): e is RecordedEvent<CatalogCompiled> => e.type === 'catalog_compiled')
      .filter((e) => {
        if (e.data.hash !== e.data.previousHash) return true;
        this.counts.skippedUnchanged++;
        return false;
      });
    const now = this.options.now();
    const receipts = Promise.all(changed.map((e) => this.publish(catalogMessage(e, this.options, now))));
    this.sent.add({ position: last.position, messages: changed.length });
    // Never rejects: a refused batch (or a checkpoint that cannot be written) stops the pusher at its next batch.
    this.receipts.set(last.position, receipts.then(() => this.confirmed(last.position)).catch((error: unknown) => { this.failure ??= { error }; }));
    // Read on while the broker works through what is out; wait for the oldest batch only above the bound.
    while (this.sent.unconfirmed > this.options.maxUnconfirmed) {
      this.throwIfFailed();
      await this.receipts.values().next().value;
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** A batch's receipts are in: the checkpoint moves over the confirmed prefix of the batches sent. */
  private confirmed(position: number): void {
    this.receipts.delete(position);
    const released = this.sent.confirm(position);
    if (!released) return;
    this.counts.pushed += released.messages;
    this.saveCheckpoint(released.position);
    this.position = released.position;
  }

  /**
   * A checkpoint the disk cannot take now is written with a later batch;
   * an older one only means re-pushing a few catalogs after a restart,
   * while a throw here would stop pushing for good.
   */
  private saveCheckpoint(position: number): void {
    saveCheckpointUnlessRefused(this.checkpoints, this.options.checkpointName, position);
  }

  private async publish(m: OutgoingMessage): Promise<void> {
    for (;;) {
      try {
        return await this.connection.publish(m);
      } catch (e) {
        if (!isTroupeError(e) || e.code !== 'overloaded' || this.closing) throw e;
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs));
      }
    }
  }
}
