import { ALWAYS_OPEN, type AdmissionGate } from '../../admission/admission-gate.js';
import { ConfigError } from '../../../core/errors/troupe-error.js';
import type { EventLog } from '../../../core/log/event-log.js';
import { brokerKeepsMessageIds, decodeStompCommand, STOMP_HEADERS, type IngestDecision } from './stomp-command.decoder.js';
import type { IncomingMessage, StompConnection } from './stomp-connection.js';
import { deadLetterMessage } from './stomp-dead-letter.js';
import type { StompSenderPolicy } from './stomp-sender-policy.js';

export interface StompIngestOptions {
  /** Where commands arrive. @defaultValue '/queue/troupe.commands' */
  readonly destination?: string;
  /** Where poison messages go, with the reason in headers. @defaultValue '/queue/troupe.dlq' */
  readonly deadLetterDestination?: string;
  /**
   * Unacknowledged messages the broker may hand this consumer
   * (`activemq.prefetchSize`): the admission window. RabbitMQ's equivalent
   * is `prefetch-count` (sent too, so the same setting works there).
   * @defaultValue 500
   */
  readonly prefetchSize?: number;
  /** Messages per `EventLog.append` call (one group commit). @defaultValue 1000 */
  readonly maxBatchSize?: number;
  /** Wait before retrying a failed append (log busy). @defaultValue 500 */
  readonly retryDelayMs?: number;
  /** Where admission control says whether to take more. @defaultValue always open */
  readonly gate?: AdmissionGate;
  /** Clock for `command_rejected` times. @defaultValue `() => new Date()` */
  readonly now?: () => Date;
  /**
   * Called on an unexpected failure while handling a batch; the batch stays
   * unacked (the broker redelivers it after a reconnect). @defaultValue none
   */
  readonly onError?: (error: unknown) => void;
  /**
   * Who may send what, by the sender identity the broker vouches for
   * (docs/operations.md, "Broker ACLs"); a refused message is dead-lettered
   * with `troupe-error-code: forbidden`. @defaultValue null: any sender, any command
   */
  readonly senders?: StompSenderPolicy | null;
}

export const DEFAULT_STOMP_INGEST_OPTIONS = {
  destination: '/queue/troupe.commands',
  deadLetterDestination: '/queue/troupe.dlq',
  prefetchSize: 500,
  maxBatchSize: 1000,
  retryDelayMs: 500,
  gate: ALWAYS_OPEN,
  now: () => new Date(),
  onError: () => undefined,
  senders: null,
} as const satisfies Required<StompIngestOptions>;

export interface StompIngestStatus {
  readonly received: number;
  readonly appended: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Received but not yet appended (held by the gate or in a commit). */
  readonly pending: number;
  readonly gateOpen: boolean;
}

/**
 * Feeds the event log from a STOMP queue, acking each message only after
 * its event is durably appended (so a crash means redelivery, never loss),
 * and using the message's event id so a redelivery is a log duplicate
 * (never a second event). Messages are appended in arrival order, in
 * batches (one group commit per batch). While the admission gate is shut
 * nothing more is appended or acked; the prefetch window then stops the
 * broker from sending more. Poison messages become `command_rejected`
 * events and go to the dead-letter queue before being acked.
 */
export class StompIngest {
  private readonly options: Required<StompIngestOptions>;
  private queue: IncomingMessage[] = [];
  private running = false;
  private unsubscribe: (() => void) | null = null;
  private closing: Promise<void> | undefined;
  private signalClosed: () => void = () => undefined;
  private readonly closed = new Promise<void>((r) => { this.signalClosed = r; });
  private idle: Promise<void> = Promise.resolve();
  private counts = { received: 0, appended: 0, duplicates: 0, rejected: 0 };

  constructor(
    private readonly connection: StompConnection,
    private readonly log: Pick<EventLog, 'append'>,
    options: StompIngestOptions = {},
  ) {
    this.options = { ...DEFAULT_STOMP_INGEST_OPTIONS, ...options };
    for (const f of ['prefetchSize', 'maxBatchSize'] as const) {
      if (!Number.isInteger(this.options[f]) || this.options[f] < 1) throw new ConfigError(f, 'must be a positive integer');
    }
  }

  /** Subscribes (again after every reconnect). */
  start(): this {
    if (this.unsubscribe || this.closing) return this;
    const prefetch = String(this.options.prefetchSize);
    this.unsubscribe = this.connection.subscribe(this.options.destination, {
      ack: 'client-individual',
      'activemq.prefetchSize': prefetch,
      'prefetch-count': prefetch,
    }, (m) => this.onMessage(m));
    return this;
  }

  status(): StompIngestStatus {
    return { ...this.counts, pending: this.queue.length, gateOpen: this.options.gate.open };
  }

  /** Idempotent. Stops taking messages and waits for the batch in commit. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.unsubscribe?.();
      this.queue = [];
      this.signalClosed();
      await this.idle;
    })();
    return this.closing;
  }

  private onMessage(m: IncomingMessage): void {
    if (this.closing) return;
    this.counts.received++;
    this.queue.push(m);
    if (!this.running) {
      this.running = true;
      this.idle = new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.closing) {
        if (!this.options.gate.open) {
          await Promise.race([this.options.gate.whenOpen(), this.closed]);
          continue;
        }
        const batch = this.queue.splice(0, this.options.maxBatchSize);
        try {
          await this.process(batch);
        } catch (e) {
          this.options.onError(e);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async process(batch: readonly IncomingMessage[]): Promise<void> {
    const now = this.options.now();
    const messageIdsStable = brokerKeepsMessageIds(this.connection.broker);
    const decisions: IngestDecision[] = batch.map((m) => decodeStompCommand(m.message.headers, m.message.body, now, {
      messageIdsStable, ...(this.options.senders ? { senders: this.options.senders } : {}),
    }));
    const compileIds = decisions.flatMap((d) => (d.type === 'accept' && d.event.type === 'catalog_requested' ? [d.event.id] : []));
    if (!this.options.gate.reserveAll(compileIds)) return this.admitInParts(batch);
    for (;;) {
      try {
        const outcomes = await this.log.append(decisions.map((d) => ({ event: d.event })));
        outcomes.forEach((o, i) => {
          if (o.status !== 'duplicate') return;
          this.counts.duplicates++;
          if (decisions[i]!.event.type === 'catalog_requested') this.options.gate.release(decisions[i]!.event.id);
        });
        break;
      } catch (e) {
        // Not acked, so not lost: retry while we run; after close the broker redelivers.
        if (!this.closing) {
          this.options.onError(e);
          await Promise.race([new Promise((r) => setTimeout(r, this.options.retryDelayMs)), this.closed]);
        }
        if (this.closing) {
          for (const id of compileIds) this.options.gate.release(id);
          return;
        }
      }
    }
    const deadLetters: Array<Promise<unknown>> = [];
    batch.forEach((m, i) => {
      const d = decisions[i]!;
      if (d.type === 'accept') {
        this.counts.appended++;
        this.connection.ack(m);
      } else {
        this.counts.rejected++;
        deadLetters.push(this.deadLetter(m, d).then(() => this.connection.ack(m), () => undefined));
      }
    });
    await Promise.all(deadLetters);
  }

  /**
   * Admission refused the batch's compile requests together: halves go
   * one after the other, and a single message waits for the gate, so no
   * batch carries compile work past the high-water mark.
   */
  private async admitInParts(batch: readonly IncomingMessage[]): Promise<void> {
    if (batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      await this.process(batch.slice(0, half));
      return this.process(batch.slice(half));
    }
    await Promise.race([this.options.gate.whenOpen(), new Promise((r) => setTimeout(r, this.options.retryDelayMs))]);
    if (!this.closing) return this.process(batch);
  }

  /** The original body and headers, plus why, to the dead-letter queue. */
  private deadLetter(m: IncomingMessage, d: Extract<IngestDecision, { type: 'reject' }>): Promise<void> {
    return this.connection.publish(deadLetterMessage(m.message, d, {
      destination: this.options.deadLetterDestination,
      from: this.options.destination,
      keep: ['content-type', STOMP_HEADERS.command, STOMP_HEADERS.version, STOMP_HEADERS.certname, STOMP_HEADERS.group],
      extra: { [STOMP_HEADERS.eventId]: d.event.id },
    }));
  }
}
