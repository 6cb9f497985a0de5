import type { ShardLease } from './lease-plan.js';

/** What one claim left this instance holding, by the database's clock. */
export interface LeaseClaim {
  /** This instance's leases after the claim, by shard. */
  readonly held: readonly ShardLease[];
  /** The database's clock when the claim ran (ms since the epoch). */
  readonly now: number;
  /** Instances whose last claim has not run out, this one included. */
  readonly liveInstances: number;
}

/**
 * Leases on shards of the node space, shared by several Troupe instances:
 * each node's actor lives on the instance holding its shard's lease
 * (issue 18). Times are the store's own clock, so instances' clocks need
 * not agree.
 */
export interface ShardLeaseStore {
  /** How many shards there are (fixed when the store is created). */
  readonly shards: number;
  /**
   * Renews this instance's leases, gives back those above its fair share
   * and takes free or expired ones up to it, atomically; leases last
   * `ttlMs` from the store's clock.
   */
  claim(instance: string, ttlMs: number): Promise<LeaseClaim>;
  /** Gives back every lease `instance` holds (a clean shutdown), and forgets the instance. */
  release(instance: string): Promise<void>;
  /** Every shard's lease (for status pages and tests). */
  leases(): Promise<readonly ShardLease[]>;
  close(): Promise<void>;
}
