import { Kysely, PostgresDialect, sql } from 'kysely';
import { ConfigError, TroupeError } from '../errors/troupe-error.js';
import { openPgPool } from '../postgres/pg-pool.js';
import { planLeases, type ShardLease } from './lease-plan.js';
import type { LeaseClaim, ShardLeaseStore } from './shard-lease-store.js';
import { migrateUnderLock } from '../postgres/migration-lock.js';

interface LeaseSchema {
  shard_leases: { shard: number; holder: string | null; epoch: number; expires_at: Date };
  /** An instance counts as live until its last claim's lease time ran out. */
  lease_instances: { instance: string; live_until: Date };
}

export interface PostgresShardLeaseStoreOptions {
  /** `postgres://user[:password]@host[:port]/database` (the event log's database). */
  readonly connectionString: string;
  /**
   * Shards of the node space. Fixed once the table exists: every instance
   * must map a node to the same shard; opening with another count fails.
   * Several per instance let load move in small steps. @defaultValue 64
   */
  readonly shards?: number;
  /** Connections in the pool (one claim runs at a time per instance). @defaultValue 2 */
  readonly maxConnections?: number;
}

export const DEFAULT_SHARD_LEASE_OPTIONS = { shards: 64, maxConnections: 2 } as const;

/** Advisory lock key taken while creating the tables ("leas"), so instances starting together do not race. */
const MIGRATION_LOCK = 0x6c656173;

/**
 * Shard leases in PostgreSQL. A claim is one transaction that locks every
 * lease row (`FOR UPDATE`: claims of all instances run one at a time, a
 * few hundred rows, every few seconds), reads the database's clock after
 * the lock, counts the live instances (those whose last claim's lease
 * time has not run out: each instance's own, so one with short leases
 * stops counting as soon as its leases lapse)
 * and applies {@link planLeases}. Times are the database's, so instances'
 * clocks need not agree.
 */
export class PostgresShardLeaseStore implements ShardLeaseStore {
  private constructor(private readonly db: Kysely<LeaseSchema>, readonly shards: number) {}

  /** Connects and creates the lease tables (one row per shard) if missing. */
  static async open(options: PostgresShardLeaseStoreOptions): Promise<PostgresShardLeaseStore> {
    const shards = options.shards ?? DEFAULT_SHARD_LEASE_OPTIONS.shards;
    if (!Number.isInteger(shards) || shards < 1 || shards > 4096) throw new ConfigError('shards', 'must be an integer from 1 to 4096');
    const pool = openPgPool(options.connectionString, options.maxConnections ?? DEFAULT_SHARD_LEASE_OPTIONS.maxConnections);
    const db = new Kysely<LeaseSchema>({ dialect: new PostgresDialect({ pool }) });
    try {
      await migrate(db, shards);
    } catch (e) {
      await db.destroy();
      throw e;
    }
    return new PostgresShardLeaseStore(db, shards);
  }

  claim(instance: string, ttlMs: number): Promise<LeaseClaim> {
    if (!Number.isInteger(ttlMs) || ttlMs < 100) return Promise.reject(new ConfigError('ttlMs', 'must be an integer ≥ 100'));
    const ttl = sql`make_interval(secs => ${ttlMs / 1000})`;
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('shard_leases').selectAll().orderBy('shard').forUpdate().execute();
      const clock = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(trx);
      const now = clock.rows[0]!.now;
      const until = sql<Date>`${now}::timestamptz + ${ttl}`;
      await trx.insertInto('lease_instances').values({ instance, live_until: until })
        .onConflict((oc) => oc.column('instance').doUpdateSet({ live_until: until })).execute();
      const live = await trx.selectFrom('lease_instances').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('live_until', '>', now).executeTakeFirstOrThrow();
      const leases = rows.map(toLease);
      const plan = planLeases({ leases, me: instance, now: now.getTime(), liveInstances: Number(live.n) });
      if (plan.renew.length > 0) await trx.updateTable('shard_leases').set({ expires_at: until }).where('shard', 'in', plan.renew).execute();
      if (plan.release.length > 0) await trx.updateTable('shard_leases').set({ holder: null, expires_at: now }).where('shard', 'in', plan.release).execute();
      if (plan.take.length > 0) {
        await trx.updateTable('shard_leases').set((eb) => ({ holder: instance, epoch: eb('epoch', '+', 1), expires_at: until }))
          .where('shard', 'in', plan.take).execute();
      }
      const held = await trx.selectFrom('shard_leases').selectAll().where('holder', '=', instance)
        .where('shard', 'in', [...plan.renew, ...plan.take, -1]).orderBy('shard').execute();
      return { held: held.map(toLease), now: now.getTime(), liveInstances: Number(live.n) };
    }).catch((e: unknown) => {
      throw new TroupeError('lease_failed', `cannot claim shard leases: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
  }

  async release(instance: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('shard_leases').set({ holder: null, expires_at: sql<Date>`clock_timestamp()` }).where('holder', '=', instance).execute();
      await trx.deleteFrom('lease_instances').where('instance', '=', instance).execute();
    });
  }

  async leases(): Promise<readonly ShardLease[]> {
    return (await this.db.selectFrom('shard_leases').selectAll().orderBy('shard').execute()).map(toLease);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

function toLease(r: LeaseSchema['shard_leases']): ShardLease {
  return { shard: r.shard, holder: r.holder, epoch: Number(r.epoch), expiresAt: r.expires_at.getTime() };
}

async function migrate(db: Kysely<LeaseSchema>, shards: number): Promise<void> {
  await migrateUnderLock(db, MIGRATION_LOCK, async (trx) => {
    await trx.schema.createTable('shard_leases').ifNotExists()
      .addColumn('shard', 'integer', (c) => c.primaryKey())
      .addColumn('holder', 'text')
      .addColumn('epoch', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await trx.schema.createTable('lease_instances').ifNotExists()
      .addColumn('instance', 'text', (c) => c.primaryKey())
      .addColumn('live_until', 'timestamptz', (c) => c.notNull())
      .execute();
    const { n } = await trx.selectFrom('shard_leases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) === 0) {
      const epoch0 = new Date(0);
      await trx.insertInto('shard_leases').values(Array.from({ length: shards }, (_, shard) => ({ shard, holder: null, epoch: 0, expires_at: epoch0 }))).execute();
    } else if (Number(n) !== shards) {
      throw new ConfigError('shards', `the lease table has ${Number(n)} shards; every instance must use the same count (asked for ${shards})`);
    }
  });
}
