import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../config/package-root.js';

/** Options of {@link startReferencePuppetDb}; defaults in {@link DEFAULT_REFERENCE_PUPPETDB_OPTIONS}. */
export interface ReferencePuppetDbOptions {
  /** PuppetDB's plain-HTTP port on 127.0.0.1. @defaultValue 18081 (the conformance recording uses 18080) */
  readonly port?: number;
  /** Its configuration, state and log. @defaultValue /tmp/troupe-bench-puppetdb */
  readonly dir?: string;
  /** Its PostgreSQL database, dropped and created again on start, dropped on stop. @defaultValue troupe_bench_query */
  readonly database?: string;
}

export const DEFAULT_REFERENCE_PUPPETDB_OPTIONS = {
  port: 18081, dir: '/tmp/troupe-bench-puppetdb', database: 'troupe_bench_query',
} as const satisfies Required<ReferencePuppetDbOptions>;

/** A running reference PuppetDB. */
export interface ReferencePuppetDb {
  readonly url: string;
  /** Where its log is, for a failure's reason. */
  readonly log: string;
  /** Stops it and drops its database (and stops PostgreSQL if starting it had to start it). */
  stop(): void;
}

const SCRIPT = (): string => join(packageRoot(), 'ops/scripts/pdb-reference-server.sh');
const JAR = '/usr/share/puppetdb/puppetdb.jar';

/**
 * Why a reference PuppetDB cannot run here, or undefined when it can:
 * Debian's `puppetdb` and PostgreSQL 15 (`pg_ctlcluster`) installed, and
 * root (the script runs them as their own users).
 */
export function referencePuppetDbUnavailable(): string | undefined {
  if (!existsSync(JAR)) return `${JAR} not found (Debian's puppetdb package)`;
  if (spawnSync('sh', ['-c', 'command -v pg_ctlcluster'], { stdio: 'ignore' }).status !== 0) return 'pg_ctlcluster not found (Debian\'s postgresql package)';
  if (process.getuid?.() !== 0) return 'not root (PuppetDB and PostgreSQL run as their own users)';
  return undefined;
}

/**
 * Starts Debian's PuppetDB 7 on PostgreSQL 15, empty, through the same
 * script that runs the one the conformance answers are recorded from
 * (`ops/scripts/pdb-reference-server.sh`), on its own port, directory and
 * database. Blocks until it answers (a JVM: minutes).
 */
export function startReferencePuppetDb(options: ReferencePuppetDbOptions = {}): ReferencePuppetDb {
  const o = { ...DEFAULT_REFERENCE_PUPPETDB_OPTIONS, ...options };
  const env = { ...process.env, PDB_DIR: o.dir, PDB_PORT: String(o.port), PDB_DB: o.database };
  const log = join(o.dir, 'puppetdb.log');
  const stop = (): void => { spawnSync('sh', [SCRIPT(), 'stop'], { env, stdio: ['ignore', 'ignore', 'inherit'] }); };
  // A benchmark that dies must not leave a JVM and its database behind.
  process.once('exit', stop);
  const started = spawnSync('sh', [SCRIPT(), 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (started.status !== 0) {
    stop();
    process.off('exit', stop);
    throw new Error(`PuppetDB did not start (exit ${started.status}); see ${log}`);
  }
  return {
    url: started.stdout.trim().split('\n').pop()!,
    log,
    stop: () => { process.off('exit', stop); stop(); },
  };
}
