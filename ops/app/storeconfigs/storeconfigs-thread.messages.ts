import type { LogSettings } from '../../log/logger.js';
import type { StoreLocation } from '../store-location.js';
import type { Degradation } from '../../../core/errors/resource-fault.js';

/** Messages between the main thread and the storeconfigs projection thread. */
export type ToProjectionThread =
  | { readonly type: 'appended' }
  /** Project the shared store from now on (this instance leads the fleet), or stop and follow its checkpoint. */
  | { readonly type: 'project'; readonly on: boolean }
  /** Rest after each batch (a deployment runs), or not. */
  | { readonly type: 'pace'; readonly on: boolean }
  | { readonly type: 'stop' };

export type FromProjectionThread =
  | { readonly type: 'ready'; readonly position: number }
  | { readonly type: 'progress'; readonly position: number }
  | { readonly type: 'failed'; readonly message: string }
  /** Sent on the transitions only: degraded by a resource fault (`degradation`), or recovered (`null`). */
  | { readonly type: 'health'; readonly degradation: Degradation | null }
  | { readonly type: 'stopped'; readonly position: number };

export interface ProjectionThreadData {
  /** Where the log and storeconfigs are. */
  readonly store: StoreLocation;
  /** How the thread logs what it skips (its own logger, the same stdout): as the main thread does. */
  readonly log: LogSettings;
  /**
   * Added to the thread's nice value (Linux only, `yieldToOtherThreads`):
   * storing catalogs is background work, and on a busy machine the threads
   * that answer agents (HTTP and log, compiles) go first. 0 keeps the
   * process's priority.
   * @defaultValue PROJECTION_THREAD_NICE (5)
   */
  readonly nice?: number;
}

/**
 * Mild: on a saturated machine a nice-5 thread gets about a third of a
 * normal thread's share, so storeconfigs lags during a deploy's push and
 * catches up after instead of being starved.
 */
export const PROJECTION_THREAD_NICE = 5;

/**
 * While paced, the thread rests after each batch this many times as long
 * as the batch took: it uses at most a quarter of the CPU it would, so
 * agents' check-ins and the push get the rest. Resting, not renicing: a
 * thread cannot lower its nice value again without CAP_SYS_NICE.
 */
export const PACED_REST_FACTOR = 3;
/** The longest rest after one batch, so a slow batch does not stall the projection for long. */
export const PACED_MAX_REST_MS = 200;
