import type { ShardLease } from './lease-plan.js';

/**
 * The fleet-wide services' checkpoints, readable by every instance so a
 * new leader resumes where the last one stopped. Writes are fenced: they
 * land only while the writer still holds the lease it names.
 */
export interface FleetCheckpointStore {
  /** Every checkpoint, by name. */
  load(): Promise<ReadonlyMap<string, number>>;
  /** Writes `positions` if `lease` is still held, unexpired, under its epoch; false when refused (another leader). */
  save(lease: ShardLease, positions: ReadonlyMap<string, number>): Promise<boolean>;
}
