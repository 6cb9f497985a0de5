#!/usr/bin/env node
// Starts or stops a PostgreSQL 15 of Troupe's own: its own data directory and
// loopback port, nothing of the machine's clusters touched (as root, initdb
// and the server run as the `postgres` user). Durable settings (fsync on),
// for benchmarks and manual runs; the tests start theirs through
// test/support/postgres.fixture.ts.
//
//   npm run postgres -- start [--port 15432] [--data DIR]   # prints the URL
//   npm run postgres -- stop  [--data DIR]
//
// Defaults: --port 15432, --data ${TMPDIR:-/tmp}/troupe-postgres-<port>.
// `start` on a directory that already holds a cluster reuses it (its data
// kept), and is a no-op when it runs; `stop` is a no-op when it does not. The URL's user is `troupe`, trusted on loopback, no password.
// Binaries: TROUPE_PG_BIN, else /usr/lib/postgresql/15/bin (Debian's postgresql).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgresRunning, startThrowawayPostgres, stopPostgresAt, THROWAWAY_POSTGRES_USER } from '../postgres/throwaway-postgres.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: '15432' }, data: { type: 'string' } },
});
const port = Number(values.port);
const dataDir = values.data ?? join(process.env.TMPDIR ?? tmpdir(), `troupe-postgres-${port}`);

try {
  switch (positionals[0]) {
    case 'start': {
      // Already running: say where, as a second start is no error.
      const url = isPostgresRunning(dataDir)
        ? `postgres://${THROWAWAY_POSTGRES_USER}@127.0.0.1:${port}/postgres`
        : (await startThrowawayPostgres({ port, dataDir, stopOnExit: false })).url();
      console.log(url);
      break;
    }
    case 'stop':
      if (isPostgresRunning(dataDir)) stopPostgresAt(dataDir);
      break;
    default:
      console.error('usage: npm run postgres -- start|stop [--port N] [--data DIR]');
      process.exit(2);
  }
} catch (e) {
  console.error(`postgres: ${e.message}`);
  process.exit(1);
}
