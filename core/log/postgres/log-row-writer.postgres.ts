import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppendOutcome } from '../event-log.js';
import { planAppend, type Stored } from '../append-plan.js';
import type { PostgresLogSchema } from './log-database.postgres.js';
import type { LogRow, LogWriter } from '../log-writer.js';

/** An event as the PostgreSQL log stores it: with its lean copy (`leanTextOf`), null when it has no bodies. */
export interface PostgresLogRow extends LogRow {
  readonly lean: string | null;
}

/** Rows per INSERT statement (9 parameters each, well under PostgreSQL's 65,535). */
const INSERT_CHUNK = 1000;

/**
 * The log's write transaction in PostgreSQL. It first locks `log_head`'s
 * row (SELECT … FOR UPDATE): appenders — this instance's group commits and
 * every other instance's — run one after the other, each numbering its
 * events from the head the previous one committed. A position is therefore
 * visible only once every smaller one is, and a rolled-back group leaves no
 * gap. The commit notifies `channel` with the new head (delivered by
 * PostgreSQL at commit, to LISTENing subscribers).
 */
export class PostgresRowWriter implements LogWriter {
  constructor(private readonly db: Kysely<PostgresLogSchema>, private readonly channel: string) {}

  commit(groups: readonly (readonly PostgresLogRow[])[]): Promise<AppendOutcome[][]> {
    return this.db.transaction().execute(async (trx) => {
      const { position: head } = await trx.selectFrom('log_head').select('position').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      const rows = groups.flat();
      const plan = planAppend(groups, head, await storedIds(trx, rows), await streamVersions(trx, rows));
      if (plan.inserts.length === 0) return plan.outcomes;
      for (let i = 0; i < plan.inserts.length; i += INSERT_CHUNK) {
        await trx.insertInto('events').values(plan.inserts.slice(i, i + INSERT_CHUNK).map((r) => ({
          position: r.position, event_id: r.id, stream: r.stream, version: r.version, type: r.type, time: r.time, data: r.data, meta: r.meta, lean: r.lean,
        }))).execute();
      }
      await trx.updateTable('log_head').set({ position: plan.head }).where('id', '=', 1).execute();
      await sql`SELECT pg_notify(${this.channel}, ${String(plan.head)})`.execute(trx);
      return plan.outcomes;
    });
  }

  async probe(): Promise<void> {
    await this.db.insertInto('log_probe').values({ id: 1, probed_at: new Date() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ probed_at: (eb) => eb.ref('excluded.probed_at') })).execute();
  }

  async close(): Promise<void> {}
}

async function storedIds(trx: Transaction<PostgresLogSchema>, rows: readonly LogRow[]): Promise<Map<string, Stored>> {
  const found = await trx.selectFrom('events').select(['event_id', 'position', 'version'])
    .where(sql<boolean>`event_id = any(${[...new Set(rows.map((r) => r.id))]}::text[])`).execute();
  return new Map(found.map((r) => [r.event_id, { position: r.position, version: r.version }]));
}

async function streamVersions(trx: Transaction<PostgresLogSchema>, rows: readonly LogRow[]): Promise<Map<string, number>> {
  const found = await trx.selectFrom('events').select(['stream', (eb) => eb.fn.max('version').as('version')])
    .where(sql<boolean>`stream = any(${[...new Set(rows.map((r) => r.stream))]}::text[])`).groupBy('stream').execute();
  return new Map(found.map((r) => [r.stream, Number(r.version)]));
}
