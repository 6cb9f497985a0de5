import { Kysely, PostgresDialect, sql } from 'kysely';
import { TroupeError } from '../errors/troupe-error.js';
import { openPgPool } from '../postgres/pg-pool.js';
import type { FleetCheckpointStore } from './fleet-checkpoint-store.js';
import type { ShardLease } from './lease-plan.js';
import { migrateUnderLock } from '../postgres/migration-lock.js';

/** Advisory lock key taken while creating the table ("flee"), so instances starting together do not race. */
const MIGRATION_LOCK = 0x666c6565;

interface FleetCheckpointSchema {
  fleet_checkpoints: { name: string; position: number };
}

/**
 * Fleet-wide checkpoints in PostgreSQL beside the shard leases (the
 * `shard_leases` table must exist: open the lease store first). A save
 * locks the leader's lease row for share, so a claim taking that lease
 * waits for it and a save after the lease expired writes nothing.
 */
export class PostgresFleetCheckpointStore implements FleetCheckpointStore {
  private constructor(private readonly db: Kysely<FleetCheckpointSchema>) {}

  /** Connects (one connection: one save at a time) and creates the table if missing. */
  static async open(connectionString: string): Promise<PostgresFleetCheckpointStore> {
    const db = new Kysely<FleetCheckpointSchema>({ dialect: new PostgresDialect({ pool: openPgPool(connectionString, 1) }) });
    try {
      await migrateUnderLock(db, MIGRATION_LOCK, async (trx) => {
        await trx.schema.createTable('fleet_checkpoints').ifNotExists()
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('position', 'bigint', (c) => c.notNull())
          .execute();
      });
    } catch (e) {
      await db.destroy();
      throw new TroupeError('lease_failed', `cannot create fleet_checkpoints: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return new PostgresFleetCheckpointStore(db);
  }

  async load(): Promise<ReadonlyMap<string, number>> {
    const rows = await this.db.selectFrom('fleet_checkpoints').selectAll().execute();
    return new Map(rows.map((r) => [r.name, Number(r.position)]));
  }

  async save(lease: ShardLease, positions: ReadonlyMap<string, number>): Promise<boolean> {
    if (positions.size === 0) return true;
    const names = [...positions.keys()];
    const values = [...positions.values()];
    const written = await sql<{ name: string }>`
      INSERT INTO fleet_checkpoints (name, position)
      SELECT n, p FROM unnest(${names}::text[], ${values}::bigint[]) AS t(n, p)
      WHERE EXISTS (
        SELECT 1 FROM shard_leases
        WHERE shard = ${lease.shard} AND holder = ${lease.holder} AND epoch = ${lease.epoch} AND expires_at > clock_timestamp()
        FOR SHARE)
      ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position
      RETURNING name`.execute(this.db);
    return written.rows.length === names.length;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
