import type { ShardLease } from './lease-plan.js';

/**
 * The shard whose holder also runs the fleet-wide services (deployments,
 * rollouts, dependencies, runs, the STOMP pusher): leadership changes
 * hands with this shard's lease, and its epoch fences what the leader
 * writes (docs/architecture.md, "One leader").
 */
export const LEADER_SHARD = 0;

/** This instance's leadership given the leases it holds now: shard 0's lease, or undefined when it does not lead. */
export function leaderLease(held: ReadonlyMap<number, ShardLease>): ShardLease | undefined {
  return held.get(LEADER_SHARD);
}

/** Whether two leaderships are one and the same (a retake under a new epoch is another). */
export function sameLeadership(a: ShardLease | undefined, b: ShardLease | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.shard === b.shard && a.epoch === b.epoch && a.holder === b.holder;
}
