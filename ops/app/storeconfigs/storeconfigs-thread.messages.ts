import type { LogSettings } from '../../log/logger.js';
import type { StoreLocation } from '../store-location.js';
import type { Degradation } from '../../../core/errors/resource-fault.js';

/** Messages between the main thread and the storeconfigs projection thread. */
export type ToProjectionThread =
  | { readonly type: 'appended' }
  /** Project the shared store from now on (this instance leads the fleet), or stop and follow its checkpoint. */
  | { readonly type: 'project'; readonly on: boolean }
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
}
