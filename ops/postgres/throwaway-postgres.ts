import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Options of {@link startThrowawayPostgres}; defaults in {@link DEFAULT_THROWAWAY_POSTGRES_OPTIONS}. */
export interface ThrowawayPostgresOptions {
  /**
   * Loopback port to listen on.
   * @defaultValue a free port the OS picks
   */
  readonly port?: number;
  /**
   * Data directory; created (initdb) when it holds no cluster yet, reused when it does.
   * @defaultValue a new directory under the OS temp dir, removed by `stop()`
   */
  readonly dataDir?: string;
  /**
   * `false` turns fsync, synchronous_commit and full-page writes off: fast
   * and fine for tests, whose data dies with the cluster. Benchmarks keep it `true`.
   * @defaultValue true
   */
  readonly durable?: boolean;
  /**
   * The OS user that runs initdb and the server when this process is root
   * (PostgreSQL refuses to run as root).
   * @defaultValue 'postgres'
   */
  readonly osUser?: string;
  /**
   * Stops the server when this process exits without calling `stop()` (a
   * test file that fails hard must not leave a server behind).
   * @defaultValue true
   */
  readonly stopOnExit?: boolean;
}

export const DEFAULT_THROWAWAY_POSTGRES_OPTIONS = {
  durable: true,
  osUser: 'postgres',
  stopOnExit: true,
} as const satisfies Omit<Required<ThrowawayPostgresOptions>, 'port' | 'dataDir'>;

/** The superuser initdb creates; loopback connections are trusted (no password). */
export const THROWAWAY_POSTGRES_USER = 'troupe';

/** A PostgreSQL cluster on loopback that this process started. */
export interface ThrowawayPostgres {
  readonly port: number;
  readonly dataDir: string;
  /** Connection URL of a database (default `postgres`, the maintenance database). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown); removes the data directory if this call created it. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Where PostgreSQL's server binaries are: `TROUPE_PG_BIN`, else Debian's
 * PostgreSQL 15 (`/usr/lib/postgresql/15/bin`). `undefined` when there is no initdb there.
 */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.TROUPE_PG_BIN ?? '/usr/lib/postgresql/15/bin';
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')) ? dir : undefined;
}

/**
 * Starts a PostgreSQL of its own (own data directory, own port, Unix socket
 * inside the data directory, loopback TCP only) and waits until it accepts
 * connections. Nothing of the machine's own clusters is touched.
 */
export async function startThrowawayPostgres(options: ThrowawayPostgresOptions = {}): Promise<ThrowawayPostgres> {
  const o = { ...DEFAULT_THROWAWAY_POSTGRES_OPTIONS, ...options };
  const bin = postgresBinDir();
  if (!bin) throw new Error(`PostgreSQL binaries not found (set TROUPE_PG_BIN, or apt-get install postgresql for /usr/lib/postgresql/15/bin)`);
  const ownsDir = o.dataDir === undefined;
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'troupe-pg-'));
  const asUser = process.getuid?.() === 0 ? o.osUser : undefined;
  const run = (tool: string, args: readonly string[]): void => runTool(bin, tool, args, o.osUser);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (asUser) chownSync(dataDir, ...userIds(asUser));
    run('initdb', ['-D', dataDir, '-U', THROWAWAY_POSTGRES_USER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    appendFileSync(join(dataDir, 'postgresql.conf'), serverSettings(o.durable));
  }
  // A port the OS picked may be taken before the server binds it: then pick another.
  let port = o.port ?? await freePort();
  for (let attempt = 1; !startServer(run, dataDir, port); attempt++) {
    if (o.port !== undefined || attempt === 3) {
      const said = lastLogLines(dataDir);
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`PostgreSQL did not start on port ${port}: ${said}`);
    }
    port = await freePort();
  }

  let stopping: Promise<void> | undefined;
  const onExit = (): void => killNow(dataDir, ownsDir);
  if (o.stopOnExit) process.once('exit', onExit);
  const url = (database = 'postgres'): string => `postgres://${THROWAWAY_POSTGRES_USER}@127.0.0.1:${port}/${database}`;
  return {
    port, dataDir, url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      stopping ??= (async () => {
        process.off('exit', onExit);
        stopPostgresAt(dataDir, o.osUser);
        if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** `pg_ctl start`, waiting until it accepts connections; false when it did not start. */
function startServer(run: (tool: string, args: readonly string[]) => void, dataDir: string, port: number): boolean {
  try {
    run('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', join(dataDir, 'server.log'),
      '-o', `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1`]);
    return true;
  } catch {
    return false;
  }
}

/** pg_ctl only says "examine the log output": the server's last words say why (a port in use). */
function lastLogLines(dataDir: string): string {
  const log = join(dataDir, 'server.log');
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-3).join('\n') : 'no server log';
}

/** Whether a server runs on the cluster of `dataDir` (`pg_ctl status`). */
export function isPostgresRunning(dataDir: string, osUser: string = DEFAULT_THROWAWAY_POSTGRES_OPTIONS.osUser): boolean {
  const bin = postgresBinDir();
  if (!bin || !existsSync(join(dataDir, 'PG_VERSION'))) return false;
  try {
    runTool(bin, 'pg_ctl', ['status', '-D', dataDir], osUser);
    return true;
  } catch {
    return false;
  }
}

/** Stops the cluster of `dataDir` (fast shutdown: sessions are ended, the data is kept). */
export function stopPostgresAt(dataDir: string, osUser: string = DEFAULT_THROWAWAY_POSTGRES_OPTIONS.osUser): void {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries not found (TROUPE_PG_BIN)');
  runTool(bin, 'pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir], osUser);
}

/** Runs one of PostgreSQL's tools, as `osUser` when this process is root. */
function runTool(bin: string, tool: string, args: readonly string[], osUser: string): void {
  const command = process.getuid?.() === 0 ? ['runuser', '-u', osUser, '--', join(bin, tool), ...args] : [join(bin, tool), ...args];
  try {
    execFileSync(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (e) {
    // PostgreSQL's own words (a directory the OS user cannot reach, a port in use) say what to fix.
    const said = String((e as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`${tool} ${args.join(' ')} failed${said ? `: ${said}` : ''}`, { cause: e });
  }
}

/** Appended to postgresql.conf once, after initdb. */
function serverSettings(durable: boolean): string {
  const lines = ['', '# troupe throwaway cluster', 'shared_buffers = 64MB', 'max_connections = 200'];
  if (!durable) lines.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
  return lines.join('\n') + '\n';
}

/** Immediate shutdown from an `exit` handler (synchronous: a signal to the postmaster). */
function killNow(dataDir: string, removeDir: boolean): void {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch { /* already stopped */ }
  if (removeDir) rmSync(dataDir, { recursive: true, force: true });
}

function userIds(user: string): [number, number] {
  const id = (flag: string): number => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  return [id('-u'), id('-g')];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
