import type { RecordedEvent } from '../core/events/event.types.js';

/** A logged event a projection skipped because applying it threw. */
export interface ProjectionFailure {
  readonly position: number;
  readonly eventId: string;
  readonly reason: string;
}

/** What one `apply` did. */
export interface ApplyOutcome {
  /** Events whose effects were written. */
  readonly applied: number;
  /** Events at or below the checkpoint, skipped (redelivery). */
  readonly skipped: number;
  /** Events whose data could not be applied: skipped and recorded with the reason. */
  readonly failed: readonly ProjectionFailure[];
  /** The checkpoint after the batch. */
  readonly position: number;
}

/**
 * A read model built from the log. `apply` writes a batch's effects and the
 * new checkpoint atomically, and skips events at or below the checkpoint,
 * so redelivery after a crash has exactly-once effect.
 */
export interface Projection {
  readonly name: string;
  /** Position of the last event whose effects are stored (0 before any). */
  readonly checkpoint: number;
  apply(batch: readonly RecordedEvent[]): ApplyOutcome | Promise<ApplyOutcome>;
}
