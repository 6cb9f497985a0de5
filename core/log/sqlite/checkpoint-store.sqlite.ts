import Database from 'better-sqlite3';
import type { CheckpointStore } from '../checkpoint-store.js';

/**
 * Checkpoints in a small table of their own; usually the log's own file
 * (a second connection, which WAL mode allows beside the writer).
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement;
  private readonly setStmt: Database.Statement;
  private closed = false;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    // No fsync per checkpoint: consumers save one after each delivery, on the main thread. A checkpoint a power
    // loss takes back only replays events its consumer handles again anyway (it saves after processing), and
    // the log's next durable commit syncs the shared WAL with it.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    this.getStmt = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.setStmt = this.db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
  }

  get(name: string): number {
    return (this.getStmt.get(name) as { position: number } | undefined)?.position ?? 0;
  }

  set(name: string, position: number): void {
    this.setStmt.run(name, position);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
