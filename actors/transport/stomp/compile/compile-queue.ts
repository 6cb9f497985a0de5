import type { CatalogCompiled, CompileFailed, RecordedEvent } from '../../../../core/events/event.types.js';
import type { EventLog } from '../../../../core/log/event-log.js';
import { StompConnection, type StompConnectionOptions, type StompConnectionStatus } from '../stomp-connection.js';
import { CompileJobConsumer, type CompileJobConsumerOptions, type CompileJobConsumerStatus } from './compile-job-consumer.js';
import { CompileJobPublisher, type CompileJobPublisherOptions, type CompileJobPublisherStatus, type Offer } from './compile-job-publisher.js';
import { COMPILE_QUEUE } from './compile-job.message.js';

/**
 * Jobs an instance holds unacknowledged per compile slot (its consumer's
 * prefetch is this × the pool's concurrency). One per slot left the pool
 * idle for every job's facts read, outcome append and broker round trip:
 * in the two-instance e2e at 50 agents/s, p50 time to catalog was ~1 s
 * against ~0.2 s with 4 (and with compiles on the shard holders), side by
 * side. With 4, the next jobs' reads and appends overlap the compile, and
 * the pool orders what it holds by priority; a busy instance holds at most
 * 4 × slots jobs the others cannot take.
 */
export const JOBS_PER_COMPILE_SLOT = 4;

export interface CompileQueueOptions extends StompConnectionOptions {
  readonly log: Pick<EventLog, 'append' | 'readStreamBackward'>;
  /** The consumer's compile, outcome under the given id: this process's pool and compiler, or a cluster's actor workers'. */
  readonly compile: ConstructorParameters<typeof CompileJobConsumer>[2];
  readonly publisher: CompileJobPublisherOptions;
  readonly consumer: CompileJobConsumerOptions;
}

export interface CompileQueueStatus extends CompileJobPublisherStatus, CompileJobConsumerStatus {
  readonly destination: string;
  readonly connections: { readonly publish: StompConnectionStatus; readonly consume: StompConnectionStatus };
}

/**
 * An instance's end of the broker's compile queue: connections of its own
 * (so compiles never delay the command queue's acks), the publisher its
 * node actors compile through, and the consumer that compiles its share of
 * everyone's jobs. Starts when told; closes the consumer first (compiles
 * taken are logged and acknowledged), then the connections.
 */
export class CompileQueue {
  /** Jobs out, and jobs in: two connections, so acks never wait behind a burst of persistent sends (the broker takes a connection's frames in order). */
  private readonly out: StompConnection;
  private readonly in: StompConnection;
  private readonly publisher: CompileJobPublisher;
  private readonly consumer: CompileJobConsumer;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: CompileQueueOptions) {
    const { log, compile, publisher, consumer, ...connection } = options;
    this.out = new StompConnection(connection);
    this.in = new StompConnection(connection);
    this.publisher = new CompileJobPublisher(this.out, log, publisher);
    this.consumer = new CompileJobConsumer(this.in, log, compile, consumer);
  }

  /** The node actors' offer of a compile (`offeredOrLocal`): published as a job, or declined. */
  get offer(): Offer {
    return this.publisher.offer;
  }

  /** Connects and starts consuming (compiles publish as soon as it is connected; locally until then). */
  start(): this {
    this.out.start();
    this.in.start();
    this.consumer.start();
    return this;
  }

  /** A compile outcome from this instance's log subscription. */
  settle(event: RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed>): void {
    this.publisher.settle(event);
  }

  status(): CompileQueueStatus {
    return {
      destination: this.options.publisher.destination ?? COMPILE_QUEUE,
      connections: { publish: this.out.status(), consume: this.in.status() }, ...this.publisher.status(), ...this.consumer.status(),
    };
  }

  /**
   * Idempotent. Offers are declined from here on; a cluster closes it
   * before its actor workers drain, as the jobs taken compile there.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.publisher.close();
      await this.consumer.close();
      await Promise.all([this.out.close(), this.in.close()]);
    })();
    return this.closing;
  }
}
