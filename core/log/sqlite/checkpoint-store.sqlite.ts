import Database from 'better-sqlite3';
import { isResourceFault } from '../../errors/resource-fault.js';
import { TroupeError } from '../../errors/troupe-error.js';
import type { CheckpointStore } from '../checkpoint-store.js';

export interface SqliteCheckpointStoreOptions {
  /**
   * How long a `set` position waits before it is written; every position
   * set meanwhile goes into the same small transaction.
   * @defaultValue 50
   */
  readonly flushMs?: number;
  /**
   * Longest wait between tries while writes fail (the log's writer holds
   * the file's write lock, a full disk): the wait doubles from `flushMs`
   * up to this.
   * @defaultValue 1000
   */
  readonly maxRetryMs?: number;
}

export const DEFAULT_CHECKPOINT_FLUSH_MS = 50;
/** How long reads (and the last write, at close) wait for a lock: as long as the log's writer would. */
const WAIT_MS = 5000;

/**
 * Checkpoints in a small table of their own; usually the log's own file
 * (a second connection, which WAL mode allows beside the writer).
 *
 * Consumers save a checkpoint after each delivery, on the main thread, and
 * the log's writer thread holds the file's write lock for every commit
 * (fsync included). A write that waited for that lock blocked the event
 * loop for up to a commit per delivery (during a 10,000-node push, 40 % of
 * the main thread), so `set` never writes: it keeps the position in memory
 * (`get` returns it at once) and a timer writes the newest position of
 * every name in one transaction that never waits for the lock — when the
 * lock is taken it tries again later. What is kept in memory is one
 * position per name, so it is bounded by the consumers. A crash (or a
 * power loss: no fsync per checkpoint; the log's next durable commit syncs
 * the shared WAL) takes back at most the positions not yet written, and a
 * consumer then handles those events again, which each does idempotently
 * (it saves only after processing). `close` writes what is left, waiting
 * for the lock.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement;
  private readonly setStmt: Database.Statement;
  private readonly writeAll: Database.Transaction<(positions: ReadonlyMap<string, number>) => void>;
  private readonly flushMs: number;
  private readonly maxRetryMs: number;
  /** Positions set but not yet written, the newest per name. */
  private readonly unsaved = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private closed = false;

  constructor(path: string, options: SqliteCheckpointStoreOptions = {}) {
    this.flushMs = options.flushMs ?? DEFAULT_CHECKPOINT_FLUSH_MS;
    this.maxRetryMs = Math.max(this.flushMs, options.maxRetryMs ?? 1000);
    this.retryMs = this.flushMs;
    this.db = new Database(path);
    this.db.pragma(`busy_timeout = ${WAIT_MS}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    this.getStmt = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.setStmt = this.db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
    this.writeAll = this.db.transaction((positions: ReadonlyMap<string, number>) => {
      for (const [name, position] of positions) this.setStmt.run(name, position);
    });
  }

  get(name: string): number {
    return this.unsaved.get(name) ?? (this.getStmt.get(name) as { position: number } | undefined)?.position ?? 0;
  }

  /** Never waits: the position is written within `flushMs` while the lock is free (see the class). */
  set(name: string, position: number): void {
    if (this.closed) throw new TroupeError('log_closed', 'the checkpoint store is closed');
    this.unsaved.set(name, position);
    this.schedule(this.flushMs);
  }

  /** Positions set but not yet written (for tests and `/status`). */
  get pending(): number {
    return this.unsaved.size;
  }

  private schedule(ms: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, ms);
    // A process that exits without close() loses what a crash would.
    this.timer.unref();
  }

  /**
   * One try: every unsaved position in one IMMEDIATE transaction. When the
   * lock is taken or the disk is full they stay unsaved and the next try
   * waits longer; any other error is a bug, thrown (the safety net logs it).
   */
  private flush(): void {
    if (this.unsaved.size === 0) return;
    const batch = new Map(this.unsaved);
    try {
      // Only this write fails at once (SQLITE_BUSY) when the lock is taken, instead of sleeping on the main thread; reads wait as before.
      this.db.pragma('busy_timeout = 0');
      this.writeAll.immediate(batch);
    } catch (e) {
      if (!isResourceFault(e)) throw e;
      // A checkpoint that lags only means more replay after a restart.
      this.schedule(this.retryMs);
      this.retryMs = Math.min(this.maxRetryMs, this.retryMs * 2);
      return;
    } finally {
      this.db.pragma(`busy_timeout = ${WAIT_MS}`);
    }
    this.retryMs = this.flushMs;
    for (const [name, position] of batch) if (this.unsaved.get(name) === position) this.unsaved.delete(name);
  }

  /**
   * Writes what is left (waiting for the lock as long as the log's writer
   * would), then closes. Idempotent. A full disk loses the unwritten
   * positions, as a crash would, rather than failing the shutdown.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    try {
      if (this.unsaved.size > 0) this.writeAll.immediate(this.unsaved);
      this.unsaved.clear();
    } catch (e) {
      if (!isResourceFault(e)) throw e;
    } finally {
      this.db.close();
    }
  }
}
