import { performance } from 'node:perf_hooks';
import { FaultEpisode, isResourceFault, type BackoffOptions, type Degradation } from '../core/errors/resource-fault.js';
import { ConfigError } from '../core/errors/troupe-error.js';
import type { RecordedEvent } from '../core/events/event.types.js';
import type { EventLog, Subscription } from '../core/log/event-log.js';
import type { ApplyOutcome, Projection, ProjectionFailure } from './projection.types.js';

/** Reported after every applied batch. */
export interface ProjectionProgress {
  readonly projection: string;
  /** The checkpoint after the batch. */
  readonly position: number;
  readonly applied: number;
  readonly skipped: number;
  /** Events left out because they could not be applied (recorded by the projection). */
  readonly failed: readonly ProjectionFailure[];
  /** Wall-clock time the batch took (not stored anywhere). */
  readonly durationMs: number;
}

/** Options of {@link ProjectionRunner}; defaults in {@link DEFAULT_PROJECTION_RUNNER_OPTIONS}. */
export interface ProjectionRunnerOptions {
  /**
   * Events per `apply` (one transaction each). Larger batches amortise the
   * commit; smaller ones keep the projection closer to the log's head.
   * @defaultValue 500
   */
  readonly batchSize?: number;
  /**
   * After a batch shorter than `batchSize` (the projection is at the log's
   * head), wait this long before reading the next one, so commands arriving
   * meanwhile share its transaction. A commit rewrites every page it
   * touched, and one node's ~650 rows touch hundreds (its facts and
   * resources spread over name-first indexes): one node per transaction
   * wrote ≈ 4.5 MB and cost ≈ 45 % more CPU than 50 per transaction. A
   * lone event is still applied at once; the next one waits at most this
   * long. 0: read again at once.
   * @defaultValue 50
   */
  readonly lingerMs?: number;
  /**
   * Wait before retrying a batch that failed on a resource fault (full
   * disk, I/O error, busy lock): 100 ms doubling to 5 s.
   */
  readonly backoff?: BackoffOptions;
  /** Called after every applied batch. */
  readonly onProgress?: (progress: ProjectionProgress) => void;
  /** Called when `apply` throws anything but a resource fault; the runner stops (the checkpoint is unchanged). */
  readonly onError?: (error: unknown) => void;
  /** Called when a resource fault degrades the runner and when the next applied batch ends it. */
  readonly onHealthChange?: (now: Degradation | undefined, ended: Degradation | undefined) => void;
}

/** Defaults of {@link ProjectionRunnerOptions}. */
export const DEFAULT_PROJECTION_RUNNER_OPTIONS = { batchSize: 500, lingerMs: 50 } as const satisfies ProjectionRunnerOptions;

/** `failed`: `apply` threw and the runner stopped; see `error`. */
export type ProjectionRunnerState = 'running' | 'stopped' | 'failed';

/**
 * Runs a projection from its checkpoint over a catch-up-then-live
 * subscription. The subscription reads the next batch only after `apply`
 * settles, so a slow projection holds the reader back rather than
 * buffering; `lag(head)` is the queue depth.
 *
 * A resource fault (reading or applying) does not stop it: the runner is
 * `degradation`-flagged, waits its back-off, and subscribes again from its
 * checkpoint, so the failed batch — rolled back with its checkpoint — is
 * read and applied again whole. Any other error stops it (`failed`).
 *
 * @example
 * const runner = new ProjectionRunner(log, projection, { onProgress: (p) => metrics.set(p.position) });
 * …
 * await runner.stop();
 */
export class ProjectionRunner {
  private readonly options: ProjectionRunnerOptions & { readonly batchSize: number; readonly lingerMs: number };
  private readonly health: FaultEpisode;
  private subscription: Subscription;
  private retry: NodeJS.Timeout | undefined;
  /** Ends the linger after a short batch (stop() calls it). */
  private endLinger: () => void = () => {};
  private stopping: Promise<void> | undefined;
  private failure: unknown;
  private current: number;

  constructor(private readonly log: Pick<EventLog, 'subscribe'>, private readonly projection: Projection, options: ProjectionRunnerOptions = {}) {
    this.options = { ...DEFAULT_PROJECTION_RUNNER_OPTIONS, ...options };
    if (!Number.isInteger(this.options.batchSize) || this.options.batchSize < 1) throw new ConfigError('batchSize', 'must be a positive integer');
    if (!Number.isInteger(this.options.lingerMs) || this.options.lingerMs < 0) throw new ConfigError('lingerMs', 'must be an integer ≥ 0');
    this.health = new FaultEpisode('projection', this.options.backoff, this.options.onHealthChange);
    this.current = projection.checkpoint;
    this.subscription = this.subscribe();
  }

  private subscribe(): Subscription {
    return this.log.subscribe({
      from: this.current,
      batchSize: this.options.batchSize,
      handler: (batch) => this.applyBatch(batch),
      // A read fault while caught up ends with the next good read: nothing is left to write.
      onCaughtUp: () => this.health.succeeded(),
      onError: (e) => this.failed(e),
    });
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    const started = performance.now();
    const outcome: ApplyOutcome = await this.projection.apply(batch);
    this.current = outcome.position;
    this.health.succeeded();
    this.options.onProgress?.({
      projection: this.projection.name, position: outcome.position, applied: outcome.applied,
      skipped: outcome.skipped, failed: outcome.failed, durationMs: performance.now() - started,
    });
    if (batch.length < this.options.batchSize) await this.linger();
  }

  /** Holds the next read back for `lingerMs`, or until stop(). */
  private linger(): Promise<void> {
    if (this.options.lingerMs === 0 || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.lingerMs);
      this.endLinger = () => { clearTimeout(timer); resolve(); };
    });
  }

  /** The subscription has stopped: retry after a resource fault, give up on anything else. */
  private failed(e: unknown): void {
    if (!isResourceFault(e)) {
      this.failure = e;
      this.options.onError?.(e);
      return;
    }
    const delay = this.health.fault(e);
    if (this.stopping) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.subscription = this.subscribe();
    }, delay);
  }

  /** Checkpoint of the projection as of the last applied batch. */
  get position(): number {
    return this.current;
  }

  get state(): ProjectionRunnerState {
    if (this.failure !== undefined) return 'failed';
    return this.stopping ? 'stopped' : 'running';
  }

  /** Set while batches fail on a resource fault; cleared by the next batch applied (or, caught up, the next read). */
  get degradation(): Degradation | undefined {
    return this.health.degradation;
  }

  /** The error that stopped the runner, if any. */
  get error(): unknown {
    return this.failure;
  }

  /** Events in the log not yet projected, given the log's head position. */
  lag(headPosition: number): number {
    return Math.max(0, headPosition - this.current);
  }

  /**
   * Idempotent; resolves once the in-flight batch (if any) is applied or
   * has failed, and cancels a pending retry. Does not close the projection.
   */
  stop(): Promise<void> {
    if (!this.stopping) {
      clearTimeout(this.retry);
      this.endLinger();
      this.stopping = this.subscription.close();
    }
    return this.stopping;
  }
}
