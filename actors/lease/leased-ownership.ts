import { shardOf } from '../../core/lease/shard-of.js';
import type { NodeOwnership } from '../router/node-ownership.js';
import type { ShardLeaseKeeper } from './shard-lease-keeper.js';

/** The nodes of the shards whose leases this instance holds now (`of`: the store's shard count). */
export function leasedOwnership(keeper: Pick<ShardLeaseKeeper, 'holds'>, of: number): NodeOwnership {
  return { owns: (certname) => keeper.holds(shardOf(certname, of)) };
}
