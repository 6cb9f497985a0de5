import type { ShardLease } from '../../core/lease/lease-plan.js';
import type { ShardSet } from '../router/node-ownership.js';

/** Shards this instance gained and lost since the last change it was told of. */
export interface LeaseChange {
  readonly gained: ShardSet;
  readonly lost: ShardSet;
}

/**
 * Turns the keeper's "these are the leases held now" into what changed:
 * a shard is gained when it was not held (or was held under an older
 * epoch: it was lost and taken again in between, so its work must be
 * picked up again), lost when it is no longer held.
 */
export function leaseChanges(of: number, onChange: (change: LeaseChange) => void): (held: ReadonlyMap<number, ShardLease>) => void {
  let before: ReadonlyMap<number, ShardLease> = new Map();
  return (held) => {
    const gained = [...held.values()].filter((l) => before.get(l.shard)?.epoch !== l.epoch).map((l) => l.shard);
    const lost = [...before.keys()].filter((shard) => held.get(shard)?.epoch !== before.get(shard)!.epoch);
    before = new Map(held);
    if (gained.length > 0 || lost.length > 0) onChange({ gained: { shards: gained, of }, lost: { shards: lost, of } });
  };
}
