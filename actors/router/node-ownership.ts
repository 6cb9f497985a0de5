import { shardOf } from '../../core/lease/shard-of.js';

/**
 * Which nodes this instance runs actors for. One instance alone owns every
 * node; several instances on one database own the nodes of the shards
 * whose leases they hold (docs/architecture.md, "Several instances").
 */
export interface NodeOwnership {
  owns(certname: string): boolean;
}

/** A single instance: every node is its own. */
export const OWNS_EVERY_NODE: NodeOwnership = { owns: () => true };

/** Some shards of a node space of `of` shards (plain data: it crosses to actor workers). */
export interface ShardSet {
  readonly shards: readonly number[];
  readonly of: number;
}

/** Whether `certname` belongs to one of the set's shards. */
export function inShards(certname: string, set: ShardSet): boolean {
  return set.shards.includes(shardOf(certname, set.of));
}
