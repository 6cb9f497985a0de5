import { ConfigError } from '../../../../core/errors/troupe-error.js';
import type { FactsSubmitted, RecordedEvent } from '../../../../core/events/event.types.js';
import type { EventLog } from '../../../../core/log/event-log.js';
import { decodeCompileJob, type CompileJob } from '../../../../core/wire/compile-job.codec.js';
import { appendOutcome, type CompileOutcome, type CompileSubject } from '../../../compile/compile-step.js';
import type { CompileWork } from '../../../node/node.messages.js';
import { STOMP_HEADERS } from '../stomp-command.decoder.js';
import type { IncomingMessage, StompConnection } from '../stomp-connection.js';
import { deadLetterMessage } from '../stomp-dead-letter.js';
import { COMPILE_QUEUE, JOB_ID_HEADER } from './compile-job.message.js';

export interface CompileJobConsumerOptions {
  /** Where jobs come from. @defaultValue {@link COMPILE_QUEUE} */
  readonly destination?: string;
  /** Where undecodable jobs go, with the reason in headers. @defaultValue '/queue/troupe.dlq' */
  readonly deadLetterDestination?: string;
  /**
   * Jobs the broker may hand this consumer unacknowledged
   * (`activemq.prefetchSize`, RabbitMQ's `prefetch-count`): the app passes
   * a few per compile slot (`JOBS_PER_COMPILE_SLOT`), so the pool never
   * waits for the broker, and a busy instance holds only those few back
   * from the others.
   */
  readonly prefetch: number;
  /** A job whose compile or append failed; it is tried again while the consumer runs, else left to the broker. @defaultValue none */
  readonly onError?: (error: unknown) => void;
  /** First wait before trying a failed job again (doubling, at most 5 s). @defaultValue 500 */
  readonly retryDelayMs?: number;
  /** Clock, for the jobs' `expires`. @defaultValue Date.now */
  readonly now?: () => number;
}

const MAX_RETRY_DELAY_MS = 5000;

export interface CompileJobConsumerStatus {
  readonly consumed: number;
  /** Of those, delivered again (`redelivered` header): an instance died or disconnected before its ack. */
  readonly redelivered: number;
  /** Outcomes already logged under the job's id (a redelivery, or the publisher gave up first). */
  readonly duplicates: number;
  readonly deadLettered: number;
  /** Compiles or appends of a job that failed (the log unreadable, a cluster's actor worker died) and were tried again, still unacknowledged. */
  readonly retried: number;
  /** Failed jobs acknowledged without an outcome once past their `expires` (nobody waits for them; their publisher records the timeout). */
  readonly expired: number;
  /** Taken and not yet acknowledged. */
  readonly compiling: number;
}

type Compile = (input: { readonly state: CompileSubject; readonly work: CompileWork }, id: string) => Promise<CompileOutcome>;

/**
 * Every instance's share of the compile queue: takes jobs as a competing
 * consumer (client-individual acks, `prefetch` at a time), compiles each
 * with this instance's pool and compiler against the node's newest facts
 * in the log, appends the outcome under the job's id, and acknowledges
 * only after that append committed — an instance that dies first leaves
 * the job to the broker, which hands it (and its message group) to
 * another, whose append of the same id is a duplicate. A compile that
 * fails is a `compile_failed` outcome like any other; a job that cannot be
 * read is dead-lettered with why.
 */
export class CompileJobConsumer {
  private readonly options: Required<CompileJobConsumerOptions>;
  private readonly counts = { consumed: 0, redelivered: 0, duplicates: 0, deadLettered: 0, retried: 0, expired: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private unsubscribe: (() => void) | null = null;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly connection: Pick<StompConnection, 'subscribe' | 'ack' | 'publish'>,
    private readonly log: Pick<EventLog, 'append' | 'readStreamBackward'>,
    private readonly compile: Compile,
    options: CompileJobConsumerOptions,
  ) {
    this.options = { destination: COMPILE_QUEUE, deadLetterDestination: '/queue/troupe.dlq', onError: () => undefined, retryDelayMs: 500, now: Date.now, ...options };
    if (!Number.isInteger(this.options.prefetch) || this.options.prefetch < 1) throw new ConfigError('prefetch', 'must be a positive integer');
  }

  /** Subscribes (again after every reconnect). */
  start(): this {
    if (this.unsubscribe || this.closing) return this;
    const prefetch = String(this.options.prefetch);
    this.unsubscribe = this.connection.subscribe(this.options.destination, {
      ack: 'client-individual', 'activemq.prefetchSize': prefetch, 'prefetch-count': prefetch,
    }, (m) => this.track(this.take(m)));
    return this;
  }

  status(): CompileJobConsumerStatus {
    return { ...this.counts, compiling: this.inFlight.size };
  }

  /** Idempotent. Takes no more jobs and waits for those being compiled to be logged and acknowledged (a failing one is left to the broker). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.unsubscribe?.();
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    })();
    return this.closing;
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async take(m: IncomingMessage): Promise<void> {
    this.counts.consumed++;
    if (m.message.headers['redelivered'] === 'true') this.counts.redelivered++;
    const decoded = decodeCompileJob(m.message.body);
    if (!decoded.ok) return this.deadLetter(m, decoded.error.message);
    // A failure (the log unreadable for a while, a cluster's worker died) is retried here: left unacked, the job would hold a
    // prefetch slot until a reconnect. Until the job expires: past it nobody waits, and a job that kills its compiler stops here.
    const expires = Number(m.message.headers['expires'] ?? 0);
    for (let delay = this.options.retryDelayMs; ; delay = Math.min(MAX_RETRY_DELAY_MS, delay * 2)) {
      try {
        const { event } = await this.compile({ state: await this.subjectOf(decoded.value), work: workOf(decoded.value) }, decoded.value.id);
        if ((await appendOutcome(this.log, event)).status === 'duplicate') this.counts.duplicates++;
        this.connection.ack(m);
        return;
      } catch (e) {
        this.options.onError(e);
        // Closing: unacked, the broker hands the job to another instance.
        if (this.closing) return;
        if (expires > 0 && this.options.now() + delay >= expires) {
          this.counts.expired++;
          this.connection.ack(m);
          return;
        }
        await new Promise((r) => setTimeout(r, delay));
        if (this.closing) return;
        this.counts.retried++;
      }
    }
  }

  /** The node as a compile needs it: its newest facts from the log (as a local compile reads them), its hash before from the job. */
  private async subjectOf(job: CompileJob): Promise<CompileSubject> {
    const [facts] = await this.log.readStreamBackward(job.certname, { types: ['facts_submitted'], limit: 1 });
    return { certname: job.certname, facts: facts ? (facts as RecordedEvent<FactsSubmitted>).data : null, lastHash: job.previousHash };
  }

  private async deadLetter(m: IncomingMessage, reason: string): Promise<void> {
    try {
      await this.connection.publish(deadLetterMessage(m.message, { code: 'invalid_input', reason }, {
        destination: this.options.deadLetterDestination, from: this.options.destination,
        keep: ['content-type', STOMP_HEADERS.certname, STOMP_HEADERS.group, JOB_ID_HEADER],
      }));
      this.counts.deadLettered++;
      this.connection.ack(m);
    } catch (e) {
      this.options.onError(e);
    }
  }
}

const workOf = (job: CompileJob): CompileWork => ({
  kind: 'compile', requestIds: job.requestIds, environment: job.environment, priority: job.priority, position: job.position,
  ...(job.trusted ? { trusted: job.trusted } : {}),
});
