import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ConfigError, TroupeError } from '../../core/errors/troupe-error.js';
import { migrateStoreconfigs, type StoreconfigsSchema } from './storeconfigs.schema.js';

/** How to open a storeconfigs file; defaults in {@link DEFAULT_STORECONFIGS_DATABASE_OPTIONS}. */
export interface StoreconfigsDatabaseOptions {
  /** The SQLite file; created (with the schema) when missing. */
  readonly path: string;
  /**
   * `normal` survives process crashes but may lose the last commits on power
   * loss — fine for a projection the log can rebuild; `full` fsyncs each one.
   * @defaultValue 'normal'
   */
  readonly synchronous?: 'normal' | 'full';
  /**
   * Open without writing (query processes). The schema must already exist.
   * @defaultValue false
   */
  readonly readonly?: boolean;
  /**
   * SQLite page cache per connection, in KiB.
   * @defaultValue 65536 (64 MiB)
   */
  readonly cacheKiB?: number;
  /**
   * Page size of a new file (ignored for an existing one). Measured with
   * packed catalog bodies (~16 KB): 16 KiB costs the projection ~7 % less
   * CPU on new catalogs than 4 or 8 KiB; 4 KiB halves the bytes written
   * by small commits (each touched page goes whole to the WAL).
   * @defaultValue 16384
   */
  readonly pageSize?: 4096 | 8192 | 16384 | 32768 | 65536;
}

/** Defaults of {@link StoreconfigsDatabaseOptions}. */
export const DEFAULT_STORECONFIGS_DATABASE_OPTIONS = {
  synchronous: 'normal',
  readonly: false,
  cacheKiB: 64 * 1024,
  pageSize: 16384,
} as const satisfies Omit<Required<StoreconfigsDatabaseOptions>, 'path'>;

/**
 * The WAL is truncated to this after a checkpoint: a batch of new catalogs
 * grows it past 20 MB, and SQLite otherwise keeps the file at its largest.
 */
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** An open storeconfigs file: the raw handle (hot write path) and kysely (queries). */
export interface StoreconfigsDatabase {
  readonly raw: Database.Database;
  readonly db: Kysely<StoreconfigsSchema>;
  /** Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens (and migrates) a storeconfigs file in WAL mode, so query processes
 * read while the projection writes.
 */
export function openStoreconfigsDatabase(options: StoreconfigsDatabaseOptions): StoreconfigsDatabase {
  const o = { ...DEFAULT_STORECONFIGS_DATABASE_OPTIONS, ...options };
  if (!o.path) throw new ConfigError('path', 'must name a file');
  if (!Number.isInteger(o.cacheKiB) || o.cacheKiB <= 0) throw new ConfigError('cacheKiB', 'must be a positive integer');
  if (![4096, 8192, 16384, 32768, 65536].includes(o.pageSize)) throw new ConfigError('pageSize', 'must be a power of two in 4096…65536');
  const raw = new Database(o.path, { readonly: o.readonly, fileMustExist: o.readonly });
  raw.pragma('busy_timeout = 5000');
  raw.pragma(`cache_size = -${o.cacheKiB}`);
  if (!o.readonly) {
    raw.pragma(`page_size = ${o.pageSize}`);
    raw.pragma('journal_mode = WAL');
    raw.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    raw.pragma(`synchronous = ${o.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    const migrated = migrateStoreconfigs(raw);
    if (!migrated.ok) {
      raw.close();
      throw new TroupeError('config_invalid', `${o.path}: schema version ${migrated.found} is newer than this Troupe; replay into a new file`);
    }
  }
  const db = new Kysely<StoreconfigsSchema>({ dialect: new SqliteDialect({ database: raw }) });
  let closing: Promise<void> | undefined;
  return {
    raw,
    db,
    close: () => (closing ??= db.destroy()),
  };
}
