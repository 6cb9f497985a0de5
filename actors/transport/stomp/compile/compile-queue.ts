import type { CatalogCompiled, CompileFailed, RecordedEvent } from '../../../../core/events/event.types.js';
import type { EventLog } from '../../../../core/log/event-log.js';
import type { CompileInput, CompileOutput } from '../../../node/node.machine.js';
import { StompConnection, type StompConnectionOptions, type StompConnectionStatus } from '../stomp-connection.js';
import { CompileJobConsumer, type CompileJobConsumerOptions, type CompileJobConsumerStatus } from './compile-job-consumer.js';
import { CompileJobPublisher, type CompileJobPublisherOptions, type CompileJobPublisherStatus } from './compile-job-publisher.js';
import { COMPILE_QUEUE } from './compile-job.message.js';

export interface CompileQueueOptions extends StompConnectionOptions {
  readonly log: Pick<EventLog, 'append' | 'readStreamBackward'>;
  /** The local compile step: the publisher's fallback. */
  readonly local: (input: CompileInput) => Promise<CompileOutput>;
  /** The consumer's compile (this instance's pool and compiler), outcome under the given id. */
  readonly compile: ConstructorParameters<typeof CompileJobConsumer>[2];
  readonly publisher: CompileJobPublisherOptions;
  readonly consumer: CompileJobConsumerOptions;
}

export interface CompileQueueStatus extends CompileJobPublisherStatus, CompileJobConsumerStatus {
  readonly destination: string;
  readonly connection: StompConnectionStatus;
}

/**
 * An instance's end of the broker's compile queue: its own connection (so
 * a slow compile never delays the command queue's acks), the publisher its
 * node actors compile through, and the consumer that compiles its share of
 * everyone's jobs. Starts when told; closes consumer first (compiles taken
 * are logged and acknowledged), then the connection.
 */
export class CompileQueue {
  private readonly connection: StompConnection;
  private readonly publisher: CompileJobPublisher;
  private readonly consumer: CompileJobConsumer;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: CompileQueueOptions) {
    const { log, local, compile, publisher, consumer, ...connection } = options;
    this.connection = new StompConnection(connection);
    this.publisher = new CompileJobPublisher(this.connection, log, local, publisher);
    this.consumer = new CompileJobConsumer(this.connection, log, compile, consumer);
  }

  /** The node actors' compile step. */
  get compile(): (input: CompileInput) => Promise<CompileOutput> {
    return this.publisher.compile;
  }

  /** Connects and starts consuming (compiles publish as soon as it is connected; locally until then). */
  start(): this {
    this.connection.start();
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
      connection: this.connection.status(), ...this.publisher.status(), ...this.consumer.status(),
    };
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.publisher.close();
      await this.consumer.close();
      await this.connection.close();
    })();
    return this.closing;
  }
}
