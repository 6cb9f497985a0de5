import Database from 'better-sqlite3';

export type LogSynchronous = 'full' | 'normal';

/** Opens (creating if needed) the log's SQLite file in WAL mode with its schema. */
export function openLogDatabase(path: string, synchronous: LogSynchronous): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL UNIQUE,
      stream TEXT NOT NULL,
      version INTEGER NOT NULL,
      type TEXT NOT NULL,
      time TEXT NOT NULL,
      data TEXT NOT NULL,
      meta TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (stream, version)
    );
    CREATE INDEX IF NOT EXISTS events_stream_type ON events (stream, type, version);
    -- One row the writer rewrites to learn whether a commit would succeed (LogWriter.probe).
    CREATE TABLE IF NOT EXISTS log_probe (id INTEGER PRIMARY KEY CHECK (id = 1), probed_at TEXT NOT NULL);`);
  return db;
}
