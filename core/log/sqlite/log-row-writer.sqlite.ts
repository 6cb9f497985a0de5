import type Database from 'better-sqlite3';
import { packText, type PackedText } from '../../codec/packed-text.js';
import type { AppendOutcome } from '../event-log.js';
import type { LogRow, LogWriter } from '../log-writer.js';

/**
 * The log's write transaction on one SQLite connection, synchronous: dedupe
 * by event id, optimistic stream versions, one savepoint per caller so a
 * version conflict voids only that caller's batch.
 */
export class SqliteRowWriter {
  private readonly byId: Database.Statement;
  private readonly streamVersion: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly probeRow: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare('SELECT position, version FROM events WHERE event_id = ?');
    this.streamVersion = db.prepare('SELECT max(version) AS v FROM events WHERE stream = ?');
    this.insert = db.prepare(
      'INSERT INTO events (event_id, stream, version, type, time, data, meta, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.probeRow = db.prepare('INSERT INTO log_probe (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at');
  }

  /** A real (tiny) commit: it needs WAL space and the write lock as an append does. */
  probe(): void {
    this.probeRow.run(new Date().toISOString());
  }

  commit(batches: readonly (readonly LogRow[])[]): AppendOutcome[][] {
    const recordedAt = new Date().toISOString();
    // Long data (catalogs, facts) is stored deflated: ~10× less log on disk and
    // in the WAL. Packed before the transaction, so the write lock is not held for it.
    const packed = batches.map((rows) => rows.map((row) => packText(row.data)));
    // IMMEDIATE takes the write lock first (waiting up to busy_timeout):
    // a deferred read-then-write could fail at once if another connection wrote.
    return this.db.transaction(() => batches.map((rows, i) => this.commitBatch(rows, packed[i]!, recordedAt))).immediate();
  }

  private commitBatch(rows: readonly LogRow[], data: readonly PackedText[], recordedAt: string): AppendOutcome[] {
    try {
      return this.db.transaction(() => rows.map((row, j) => {
        const outcome = this.commitRow(row, data[j]!, recordedAt);
        if (outcome.status === 'conflict') throw new ConflictRollback(outcome);
        return outcome;
      }))();
    } catch (e) {
      if (!(e instanceof ConflictRollback)) throw e;
      return rows.map(() => e.outcome);
    }
  }

  private commitRow(row: LogRow, data: PackedText, recordedAt: string): AppendOutcome {
    const dup = this.byId.get(row.id) as { position: number; version: number } | undefined;
    if (dup) return { status: 'duplicate', position: dup.position, version: dup.version };
    const current = (this.streamVersion.get(row.stream) as { v: number | null }).v ?? 0;
    const expected = row.expectedVersion;
    if ((expected === 'no_stream' && current !== 0) || (typeof expected === 'number' && expected !== current)) {
      return { status: 'conflict', expected, actual: current };
    }
    const version = current + 1;
    const info = this.insert.run(row.id, row.stream, version, row.type, row.time, data, row.meta, recordedAt);
    return { status: 'appended', position: Number(info.lastInsertRowid), version };
  }
}

/** Commits on the caller's thread (in-memory logs, and `writer: 'inline'`). */
export class InlineLogWriter implements LogWriter {
  private readonly rows: SqliteRowWriter;

  constructor(db: Database.Database) {
    this.rows = new SqliteRowWriter(db);
  }

  async commit(batches: readonly (readonly LogRow[])[]): Promise<AppendOutcome[][]> {
    return this.rows.commit(batches);
  }

  async probe(): Promise<void> {
    this.rows.probe();
  }

  async close(): Promise<void> {}
}

/** Thrown inside a transaction to roll back one caller's conflicting batch. */
class ConflictRollback extends Error {
  constructor(readonly outcome: AppendOutcome) { super('conflict'); }
}
