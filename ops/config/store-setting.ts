import { ConfigError } from '../../core/errors/troupe-error.js';

/**
 * Where the event log and storeconfigs live: SQLite files in the data
 * directory (the embedded default), a PostgreSQL database shared by
 * several instances, or the log on a KurrentDB server with storeconfigs
 * in SQLite in the data directory (docs/kurrentdb.md).
 */
export type StoreSetting =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'kurrentdb'; readonly url: string };

const EXPECTED = 'expected sqlite, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE or kurrentdb://HOST[:PORT][?tls=false]';

/** The schemes the KurrentDB client's connection strings take (`esdb` is deprecated but still read). */
const KURRENTDB = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/([^/?]*)/;

/**
 * `sqlite` (or empty, or the parsed default), a `postgres://` / `postgresql://` URL naming a
 * host and a database (query parameters such as `sslmode` are the
 * driver's), or a KurrentDB connection string naming at least one host
 * (`kurrentdb://`, `kurrentdb+discover://h1,h2`, …; its settings are the
 * client's, checked when the log opens). Anything else is refused naming
 * `source`; the refusal never repeats a password.
 */
export function storeSetting(value: unknown, source: string): StoreSetting {
  // The default arrives already parsed.
  if (value === '' || value === 'sqlite' || (value as StoreSetting | null)?.kind === 'sqlite') return { kind: 'sqlite' };
  if (typeof value !== 'string') throw new ConfigError(source, EXPECTED);
  const kurrent = KURRENTDB.exec(value);
  if (kurrent) {
    if (kurrent[3]!.replace(/^[^@]*@/, '') === '') throw new ConfigError(source, `${EXPECTED}: the connection string names no host`);
    return { kind: 'kurrentdb', url: value };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(source, `${EXPECTED}, got ${JSON.stringify(redact(value))}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(source, `${EXPECTED}; ${url.protocol.slice(0, -1)} is not a store Troupe knows`);
  }
  if (url.hostname === '') throw new ConfigError(source, `${EXPECTED}: the URL names no host`);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (database === '' || database.includes('/')) throw new ConfigError(source, `${EXPECTED}: the URL names no database (one path segment)`);
  return { kind: 'postgres', url: value };
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password === '') return url;
    u.password = '***';
    return u.href;
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
