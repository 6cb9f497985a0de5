import { performance } from 'node:perf_hooks';
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
  /** Called after every applied batch. */
  readonly onProgress?: (progress: ProjectionProgress) => void;
  /** Called when `apply` throws; the runner stops (the checkpoint is unchanged). */
  readonly onError?: (error: unknown) => void;
}

/** Defaults of {@link ProjectionRunnerOptions}. */
export const DEFAULT_PROJECTION_RUNNER_OPTIONS = { batchSize: 500 } as const satisfies ProjectionRunnerOptions;

/** `failed`: `apply` threw and the runner stopped; see `error`. */
export type ProjectionRunnerState = 'running' | 'stopped' | 'failed';

/**
 * Runs a projection from its checkpoint over a catch-up-then-live
 * subscription. The subscription reads the next batch only after `apply`
 * settles, so a slow projection holds the reader back rather than
 * buffering; `lag(head)` is the queue depth.
 *
 * @example
 * const runner = new ProjectionRunner(log, projection, { onProgress: (p) => metrics.set(p.position) });
 * …
 * await runner.stop();
 */
export class ProjectionRunner {
  private readonly subscription: Subscription;
  private stopping: Promise<void> | undefined;
  private failure: unknown;
  private current: number;

  constructor(log: Pick<EventLog, 'subscribe'>, projection: Projection, options: ProjectionRunnerOptions = {}) {
    const o = { ...DEFAULT_PROJECTION_RUNNER_OPTIONS, ...options };
    if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new ConfigError('batchSize', 'must be a positive integer');
    this.current = projection.checkpoint;
    this.subscription = log.subscribe({
      from: projection.checkpoint,
      batchSize: o.batchSize,
      handler: async (batch: readonly RecordedEvent[]) => {
        const started = performance.now();
        const outcome: ApplyOutcome = await projection.apply(batch);
        this.current = outcome.position;
        o.onProgress?.({
          projection: projection.name, position: outcome.position, applied: outcome.applied,
          skipped: outcome.skipped, failed: outcome.failed, durationMs: performance.now() - started,
        });
      },
      onError: (e) => {
        this.failure = e;
        o.onError?.(e);
      },
    });
  }

  /** Checkpoint of the projection as of the last applied batch. */
  get position(): number {
    return this.current;
  }

  get state(): ProjectionRunnerState {
    if (this.failure !== undefined) return 'failed';
    return this.stopping ? 'stopped' : 'running';
  }

  /** The error that stopped the runner, if any. */
  get error(): unknown {
    return this.failure;
  }

  /** Events in the log not yet projected, given the log's head position. */
  lag(headPosition: number): number {
    return Math.max(0, headPosition - this.current);
  }

  /** Idempotent; resolves once the in-flight batch (if any) is applied. Does not close the projection. */
  stop(): Promise<void> {
    return (this.stopping ??= this.subscription.close());
  }
}
