import { isResourceFault } from '../errors/resource-fault.js';

/** Named positions in the log that consumers have safely processed up to. */
export interface CheckpointStore {
  get(name: string): number;
  set(name: string, position: number): void;
  close(): void;
}

/**
 * Saves `position` under `name` unless the disk refuses it now (a resource
 * fault: full, read-only, locked): a checkpoint left older only means
 * replaying a few events after a restart, which consumers do idempotently,
 * while a throw would stop the consumer for good. Any other error is
 * thrown. Returns whether it was saved.
 */
export function saveCheckpointUnlessRefused(store: Pick<CheckpointStore, 'set'>, name: string, position: number): boolean {
  try {
    store.set(name, position);
    return true;
  } catch (e) {
    if (!isResourceFault(e)) throw e;
    return false;
  }
}
