import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_COMPILE_LIMITS as LIMITS } from '../../core/compiler/puppet/compile-budget.js';
import { ConfigError } from '../../core/errors/troupe-error.js';
import { packageRoot } from './package-root.js';

/** Every setting of `troupe serve`; see docs/operations.md for each. */
export interface TroupeConfig {
  /** Where the event log and the storeconfigs database live. @defaultValue `./.troupe` */
  readonly dataDir: string;
  /** HTTP listen address; loopback unless told otherwise. @defaultValue `127.0.0.1` */
  readonly host: string;
  /** @defaultValue 8140 (puppetserver's port) */
  readonly port: number;
  /** `builtin` compiles Puppet code; `static` serves pre-built catalogs. @defaultValue `builtin` */
  readonly compiler: 'static' | 'builtin';
  /** Pre-built catalogs for the `static` compiler. @defaultValue the repo's `docs/examples/static` */
  readonly staticDir: string;
  /** Puppet code (an environment directory) for `builtin`. @defaultValue the repo's `docs/examples/environment` */
  readonly codeDir: string;
  /**
   * Actor worker processes (throng cluster); 0 runs everything in one
   * process. @defaultValue CPU cores
   */
  readonly workers: number;
  /** Compiles at once (per worker in a cluster). @defaultValue CPU cores */
  readonly compileConcurrency: number;
  /** Pending compile requests at which new ones get 503. @defaultValue 256 */
  readonly admissionHighWater: number;
  /** Upper bound of the jittered Retry-After, seconds. @defaultValue 10 */
  readonly maxRetryAfterSeconds: number;
  /** Unprojected log events at which PuppetDB commands get 503. @defaultValue 50_000 */
  readonly maxQueueDepth: number;
  /** How long `POST /puppet/v4/catalog` waits for its compile. @defaultValue 60_000 */
  readonly catalogTimeoutMs: number;
  /** Largest accepted request body. @defaultValue 64 MiB */
  readonly maxBodyBytes: number;
  /**
   * Request bodies held in memory at once, all requests together; beyond it
   * new bodies get 503 + Retry-After. A body takes about six times its
   * size in the primary while it is decoded and committed (buffer, text,
   * parsed value, log row, copy to the log writer), so this bounds that
   * memory to roughly 0.8 GB. @defaultValue 128 MiB
   */
  readonly maxInFlightBodyBytes: number;
  /**
   * How far in the future a producer timestamp (facts, catalogs, reports,
   * deactivations) may lie before the command is refused with 400: a
   * timestamp from a broken clock would otherwise outrank every later run.
   * @defaultValue 300
   */
  readonly maxClockSkewSeconds: number;
  /** Per-node mailbox capacity. @defaultValue 8 */
  readonly mailboxCapacity: number;
  /** Live node actors kept in memory. @defaultValue 10_000 */
  readonly maxActors: number;
  /** `full` fsyncs every group commit; `normal` survives process crashes only. @defaultValue `full` */
  readonly durability: 'full' | 'normal';
  /** STOMP broker to consume commands from and push catalogs to; none when empty. @defaultValue '' */
  readonly stompUrl: string;
  /**
   * A builtin compile's deadline; past it the compile fails (`compile_timeout`).
   * Well under agents' 60 s catalog timeout. @defaultValue 20_000
   */
  readonly compileTimeoutMs: number;
  /** Evaluation steps of one compile (`compile_budget_exceeded` past it). @defaultValue 200_000_000 */
  readonly compileMaxSteps: number;
  /** Characters of one string a compile creates. @defaultValue 33_554_432 (32 Mi) */
  readonly compileMaxStringLength: number;
  /** Elements of one array or hash a compile creates. @defaultValue 1_000_000 */
  readonly compileMaxCollectionSize: number;
  /** Resources in one catalog. @defaultValue 200_000 */
  readonly compileMaxResources: number;
  /** Nested class, function, lambda and template calls. @defaultValue 100 */
  readonly compileMaxCallDepth: number;
  /** Nesting of the code itself (parser and evaluator recursion). @defaultValue 500 */
  readonly compileMaxNestingDepth: number;
}

type Field = keyof TroupeConfig;
const NUMBERS: readonly Field[] = [
  'port', 'workers', 'compileConcurrency', 'admissionHighWater', 'maxRetryAfterSeconds', 'maxQueueDepth',
  'catalogTimeoutMs', 'maxBodyBytes', 'maxInFlightBodyBytes', 'maxClockSkewSeconds', 'mailboxCapacity', 'maxActors',
  'compileTimeoutMs', 'compileMaxSteps', 'compileMaxStringLength', 'compileMaxCollectionSize', 'compileMaxResources',
  'compileMaxCallDepth', 'compileMaxNestingDepth',
];

export function defaultConfig(): TroupeConfig {
  const root = packageRoot();
  const codeDir = join(root, 'docs/examples/environment');
  return {
    dataDir: resolve('.troupe'),
    host: '127.0.0.1',
    port: 8140,
    compiler: 'builtin',
    staticDir: join(root, 'docs/examples/static'),
    codeDir,
    workers: availableParallelism(),
    compileConcurrency: availableParallelism(),
    admissionHighWater: 256,
    maxRetryAfterSeconds: 10,
    maxQueueDepth: 50_000,
    catalogTimeoutMs: 60_000,
    maxBodyBytes: 64 * 1024 * 1024,
    maxInFlightBodyBytes: 128 * 1024 * 1024,
    maxClockSkewSeconds: 300,
    mailboxCapacity: 8,
    maxActors: 10_000,
    durability: 'full',
    stompUrl: '',
    compileTimeoutMs: LIMITS.timeoutMs,
    compileMaxSteps: LIMITS.maxSteps,
    compileMaxStringLength: LIMITS.maxStringLength,
    compileMaxCollectionSize: LIMITS.maxCollectionSize,
    compileMaxResources: LIMITS.maxResources,
    compileMaxCallDepth: LIMITS.maxCallDepth,
    compileMaxNestingDepth: LIMITS.maxNestingDepth,
  };
}

/** `compileConcurrency` ⇄ `TROUPE_COMPILE_CONCURRENCY` ⇄ `--compile-concurrency`. */
const envName = (f: string): string => `TROUPE_${f.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
export const flagName = (f: string): string => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Defaults, then the config file (`--config FILE`, `TROUPE_CONFIG`, or
 * `./troupe.json` when present), then `TROUPE_*` environment variables,
 * then flags. Every value is validated with a message naming the field.
 */
export function loadConfig(flags: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): TroupeConfig {
  const defaults = defaultConfig();
  const file = flags['config'] ?? env['TROUPE_CONFIG'] ?? (existsSync('troupe.json') ? 'troupe.json' : undefined);
  const merged: Record<string, unknown> = { ...defaults };
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError('config', `cannot read ${file}: ${(e as Error).message}`);
    }
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (!(k in defaults)) throw new ConfigError(k, `unknown setting in ${file}`);
      merged[k] = v;
    }
  }
  for (const k of Object.keys(defaults)) {
    const fromEnv = env[envName(k)];
    if (fromEnv !== undefined) merged[k] = fromEnv;
    const fromFlag = flags[k];
    if (fromFlag !== undefined) merged[k] = fromFlag;
  }
  return validate(merged);
}

function validate(c: Record<string, unknown>): TroupeConfig {
  for (const f of NUMBERS) {
    const n = typeof c[f] === 'string' ? Number(c[f]) : c[f];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < (f === 'port' || f === 'workers' ? 0 : 1)) {
      throw new ConfigError(f, `expected a positive integer, got ${JSON.stringify(c[f])}`);
    }
    c[f] = n;
  }
  if (c['compiler'] !== 'static' && c['compiler'] !== 'builtin') throw new ConfigError('compiler', 'expected static or builtin');
  if (c['durability'] !== 'full' && c['durability'] !== 'normal') throw new ConfigError('durability', 'expected full or normal');
  for (const f of ['dataDir', 'staticDir', 'codeDir'] as const) c[f] = resolve(String(c[f]));
  return Object.freeze(c) as unknown as TroupeConfig;
}
