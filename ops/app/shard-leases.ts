import { PostgresFleetCheckpointStore } from '../../core/lease/fleet-checkpoint-store.postgres.js';
import { leaderLease } from '../../core/lease/fleet-leader.js';
import type { ShardLease } from '../../core/lease/lease-plan.js';
import { PostgresShardLeaseStore } from '../../core/lease/shard-lease-store.postgres.js';
import { FencedCheckpoints } from '../../actors/lease/fenced-checkpoints.js';
import { leaseChanges, type LeaseChange } from '../../actors/lease/lease-changes.js';
import { leasedOwnership } from '../../actors/lease/leased-ownership.js';
import { ShardLeaseKeeper } from '../../actors/lease/shard-lease-keeper.js';
import type { NodeOwnership } from '../../actors/router/node-ownership.js';
import { instanceIdOf, type TroupeConfig } from '../config/troupe.config.js';
import { log } from '../log/logger.js';
import type { StoreLocation } from './store-location.js';

/**
 * Several instances on one PostgreSQL database: this instance's leases on
 * shards of the node space (docs/architecture.md, "Several instances").
 * Its nodes are those of the shards it holds; `start` claims once, then
 * the keeper renews every third of `leaseMs`.
 */
export interface ShardLeaseListeners {
  /** Shards gained and lost (for the router). */
  readonly onChange: (change: LeaseChange) => void;
  /** The leader lease (shard 0's) held now, after every change of leases: undefined when this instance does not lead. */
  readonly onLeadership: (lease: ShardLease | undefined) => void;
}

export class ShardLeases {
  readonly ownership: NodeOwnership;
  private readonly keeper: ShardLeaseKeeper;

  private constructor(private readonly store: PostgresShardLeaseStore, private readonly fleetCheckpoints: PostgresFleetCheckpointStore, instance: string, config: Pick<TroupeConfig, 'leaseMs'>, listeners: ShardLeaseListeners) {
    const changes = leaseChanges(store.shards, (change) => {
      log.info({ gained: change.gained.shards, lost: change.lost.shards }, `shard leases: ${this.keeper.status().held} of ${store.shards} held`);
      listeners.onChange(change);
    });
    this.keeper = new ShardLeaseKeeper(store, {
      instance,
      ttlMs: config.leaseMs,
      onChange: (held) => {
        changes(held);
        listeners.onLeadership(leaderLease(held));
      },
      onError: (err) => log.warn({ err }, 'shard leases: a claim failed; retrying on schedule (held shards lapse at the lease time)'),
    });
    this.ownership = leasedOwnership(this.keeper, store.shards);
  }

  /** Opens the lease table (created on first use) on a PostgreSQL store; none on SQLite (one instance owns every node). */
  static async open(store: StoreLocation, config: Pick<TroupeConfig, 'instanceId' | 'port' | 'leaseMs' | 'shards'>, listeners: ShardLeaseListeners): Promise<ShardLeases | undefined> {
    if (store.kind !== 'postgres') return undefined;
    const leases = await PostgresShardLeaseStore.open({ connectionString: store.url, shards: config.shards });
    const checkpoints = await PostgresFleetCheckpointStore.open(store.url).catch(async (e: unknown) => {
      await leases.close();
      throw e;
    });
    return new ShardLeases(leases, checkpoints, instanceIdOf(config), config, listeners);
  }

  /** The fleet-wide services' checkpoints for a leadership gained under `lease`, read from the database. */
  checkpointsFor(lease: ShardLease): Promise<FencedCheckpoints> {
    return FencedCheckpoints.open(this.fleetCheckpoints, lease, (err) => log.warn({ err }, 'fleet checkpoints: a save failed; retrying with the next one'));
  }

  async start(): Promise<void> {
    await this.keeper.start();
  }

  /** For `/status`: this instance, the shards it holds and the live instances. */
  status() {
    return { ...this.keeper.status(), shards: this.store.shards, holding: [...this.keeper.leases().keys()].sort((a, b) => a - b) };
  }

  /** Gives every lease back (the other instances take the shards on their next renewal) and disconnects. */
  async close(): Promise<void> {
    await this.keeper.close().catch((err: unknown) => log.warn({ err }, 'shard leases: could not release; they expire at the lease time'));
    await this.store.close();
    await this.fleetCheckpoints.close();
  }
}
