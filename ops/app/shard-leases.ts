import { PostgresShardLeaseStore } from '../../core/lease/shard-lease-store.postgres.js';
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
export class ShardLeases {
  readonly ownership: NodeOwnership;
  private readonly keeper: ShardLeaseKeeper;

  private constructor(private readonly store: PostgresShardLeaseStore, instance: string, config: Pick<TroupeConfig, 'leaseMs'>, onChange: (change: LeaseChange) => void) {
    this.keeper = new ShardLeaseKeeper(store, {
      instance,
      ttlMs: config.leaseMs,
      onChange: leaseChanges(store.shards, (change) => {
        log.info({ gained: change.gained.shards, lost: change.lost.shards }, `shard leases: ${this.keeper.status().held} of ${store.shards} held`);
        onChange(change);
      }),
      onError: (err) => log.warn({ err }, 'shard leases: a claim failed; retrying on schedule (held shards lapse at the lease time)'),
    });
    this.ownership = leasedOwnership(this.keeper, store.shards);
  }

  /** Opens the lease table (created on first use) on a PostgreSQL store; none on SQLite (one instance owns every node). */
  static async open(store: StoreLocation, config: Pick<TroupeConfig, 'instanceId' | 'port' | 'leaseMs' | 'shards'>, onChange: (change: LeaseChange) => void): Promise<ShardLeases | undefined> {
    if (store.kind !== 'postgres') return undefined;
    const leases = await PostgresShardLeaseStore.open({ connectionString: store.url, shards: config.shards });
    return new ShardLeases(leases, instanceIdOf(config), config, onChange);
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
  }
}
