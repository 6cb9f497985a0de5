import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from '../../ops/postgres/throwaway-postgres.js';

/**
 * Why PostgreSQL tests skip on this machine, or `false` when they run.
 * In CI (`CI` set) they never skip: missing binaries fail the file instead
 * (`.ci/run` installs Debian's postgresql).
 */
export const postgresSkip: string | false = postgresBinDir() || process.env.CI
  ? false
  : 'PostgreSQL 15 is not installed here (apt-get install postgresql, or TROUPE_PG_BIN=<dir of initdb>)';

/** One throwaway cluster per test file; each test asks for a database of its own. */
export interface TestPostgres {
  /** A new, empty database's URL. */
  newDatabase(): Promise<string>;
  /** The cluster's superuser URL (maintenance database), for tests that change roles or settings. */
  adminUrl(): Promise<string>;
  stop(): Promise<void>;
}

let cluster: Promise<ThrowawayPostgres> | undefined;
let databases = 0;

/**
 * The file's cluster, started on first use (non-durable: fsync off) and
 * stopped by `stop()` or, at the latest, when the test process exits.
 */
export function testPostgres(): TestPostgres {
  cluster ??= startThrowawayPostgres({ durable: false });
  return {
    newDatabase: async () => (await cluster!).createDatabase(`t${process.pid}_${++databases}`),
    adminUrl: async () => (await cluster!).url(),
    stop: async () => {
      const started = cluster;
      cluster = undefined;
      await (await started)?.stop();
    },
  };
}
