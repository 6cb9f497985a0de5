import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_COMPILE_LIMITS as LIMITS } from '../../core/compiler/puppet/evaluation/compile-budget.js';
import { ConfigError, ValidationError } from '../../core/errors/troupe-error.js';
import { parsePriorityClasses, type PriorityRule } from '../../core/priority/priority-classes.js';
import { DEFAULT_CA_TTL_SECONDS, MAX_CA_TTL_SECONDS } from '../ca/ca-defaults.js';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../log/logger.js';
import { packageRoot } from './package-root.js';
import { storeSetting, type StoreSetting } from './store-setting.js';

/** Every setting of `troupe serve`; see docs/operations.md for each. */
export interface TroupeConfig {
  /** Where the event log and the storeconfigs database live. @defaultValue `./.troupe` */
  readonly dataDir: string;
  /**
   * `sqlite`: the event log and storeconfigs are SQLite files in `dataDir`.
   * `postgres://USER@HOST[:PORT]/DATABASE`: the event log and storeconfigs
   * in that PostgreSQL database (docs/postgres.md); the actors' checkpoints
   * stay in `dataDir`. `kurrentdb://HOST[:PORT]…`: the event log on that
   * KurrentDB server, storeconfigs and checkpoints SQLite files in `dataDir`
   * (docs/kurrentdb.md). @defaultValue `sqlite`
   */
  readonly store: StoreSetting;
  /**
   * PostgreSQL only: this instance's name among the instances sharing the
   * database, in the shard-lease table; unique per instance, and best
   * stable across restarts (a restarted instance then renews its own
   * leases at once instead of waiting for them to expire).
   * @defaultValue '' (host name and `port`; host name and process id when `port` is 0)
   */
  readonly instanceId: string;
  /**
   * PostgreSQL only: how long a shard lease lasts without renewal — how
   * long the nodes of a crashed instance wait before another takes them
   * over (renewed every third of it). Keep it well below
   * `catalogTimeoutMs`. At least 2000. @defaultValue 10000
   */
  readonly leaseMs: number;
  /**
   * PostgreSQL only: shards the node space is leased in (1–4096), fixed
   * when the lease table is created; every instance must agree.
   * @defaultValue 64
   */
  readonly shards: number;
  /** HTTP listen address; loopback unless told otherwise. @defaultValue `127.0.0.1` */
  readonly host: string;
  /** @defaultValue 8140 (puppetserver's port) */
  readonly port: number;
  /**
   * `auto` compiles each environment with the built-in unless its code needs
   * real Puppet (a module's Ruby function or type, a construct the built-in
   * does not implement), decided once per code version; `builtin` compiles
   * Puppet code in TypeScript; `puppet` compiles it with real Puppet 7 in a
   * pool of Ruby processes (Ruby functions and types of modules work);
   * `static` serves pre-built catalogs. @defaultValue `auto`
   */
  readonly compiler: 'static' | 'builtin' | 'puppet' | 'auto';
  /**
   * `auto` only: the share of builtin compiles compiled again with real
   * Puppet, off the hot path, any difference recorded as `compile_drift`
   * (0 = off; 0.01 is a good production value). @defaultValue 0
   */
  readonly verifySample: number;
  /** Shadow compiles (`verifySample`) waiting at most, per compiling process; more are dropped and counted. @defaultValue 16 */
  readonly verifyMaxQueued: number;
  /** Pre-built catalogs for the `static` compiler. @defaultValue the repo's `docs/examples/static` */
  readonly staticDir: string;
  /** Puppet code (an environment directory) for `builtin`, `puppet` and `auto`; it serves every environment name. @defaultValue the repo's `docs/examples/environment` */
  readonly codeDir: string;
  /**
   * Puppet's `environmentpath`: one directory per environment
   * (`<dir>/<environment>/manifests`, `/modules`, …); when set, compiles
   * use it instead of `codeDir`. Empty: off. @defaultValue '' (off)
   */
  readonly environmentsDir: string;
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
  /**
   * Priority classes of nodes, by certname glob or fact equality:
   * `{ "critical": ["role=db", "db*"], "high": ["web-*"] }` in the config
   * file, `critical:role=db,db*;high:web-*` as a flag. A class raises its
   * nodes' compile priority (critical 9, high 6); critical check-ins are
   * also admitted into a reserve above `admissionHighWater` while others
   * get 503. @defaultValue none
   */
  readonly priorityClasses: readonly PriorityRule[];
  /**
   * A deployment's recompiles waiting for an outcome at once (all
   * deployments together); 0 means as many as compiles run at once (all
   * workers), so the pool is fed as it drains — four times that with
   * background compile threads (`backgroundCompileNice`), so each worker's
   * lane has its next recompiles waiting. @defaultValue 0 (compile slots)
   */
  readonly deployWindow: number;
  /**
   * Steers the deploy window by agents' check-in latency: halved while
   * more than 1 % of their check-ins during a deployment are slower than
   * twice their idle 99th percentile, grown back by one a second (actors/deploy/adaptive-window.ts); false
   * keeps it at `deployWindow`. @defaultValue true
   */
  readonly deployAdaptive: boolean;
  /**
   * With the builtin compiler and actor workers: each worker runs its
   * background compiles (a deployment's, a dependency's) on a thread of
   * their own at this nice value (Linux; up to 19), so agents' compiles and
   * the threads that answer them get the CPU first and a deployment takes
   * what is left (ops/app/compile/background-compile-thread.ts); 0 runs them
   * on the worker's own thread, within the compile slots but one.
   * @defaultValue 19
   */
  readonly backgroundCompileNice: number;
  /**
   * How long the HTTPS door holds a new connection, unhandshaken, while
   * admission is shut, before answering it 503 + Retry-After; 0 answers
   * at once (puppetserver's behaviour: a full handshake per refusal).
   * @defaultValue 60
   */
  readonly tlsHoldSeconds: number;
  /** Unprojected log events at which PuppetDB commands get 503. @defaultValue 50_000 */
  readonly maxQueueDepth: number;
  /** How long `POST /puppet/v4/catalog` waits for its compile. @defaultValue 60_000 */
  readonly catalogTimeoutMs: number;
  /** Largest accepted request body. @defaultValue 64 MiB */
  readonly maxBodyBytes: number;
  /**
   * Request bodies held in memory at once, all requests together; beyond it
   * new bodies get 503 + Retry-After. A body takes up to ten times its
   * size in the primary's threads while it is decoded, committed and
   * projected (buffer, text, parsed value, log row, the log writer's and
   * the projection's copies; measured by bench:robustness), so this bounds
   * that memory to roughly 0.7 GB. @defaultValue 64 MiB
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
   * The header in which the broker vouches for a command's sender:
   * `JMSXUserID` (ActiveMQ with `populateJMSXUserID="true"`) or `user-id`
   * (RabbitMQ). When set, a command whose sender is not in
   * `stompTrustedSenders` is taken only if it is a PuppetDB command for the
   * node the sender logged in as; others are dead-lettered (`forbidden`).
   * Empty: any sender may send any command. @defaultValue '' (off)
   */
  readonly stompSenderHeader: string;
  /** Broker accounts that may send any command when `stompSenderHeader` is set (Troupe's own, a puppetserver's). @defaultValue none */
  readonly stompTrustedSenders: readonly string[];
  /**
   * Compile work as competing consumers over the broker (issue 18): node
   * actors publish compile jobs to `troupe.compile` and every instance
   * compiles what it takes (docs/architecture.md, "Compile jobs over the
   * broker"). `auto`: on when the store is PostgreSQL and `stompUrl` is
   * set, whatever `workers` (a cluster's primary holds the broker
   * connection, its workers compile the jobs it takes); `on` demands those
   * two and refuses to start without them. @defaultValue `auto`
   */
  readonly compileQueue: 'auto' | 'on' | 'off';
  /**
   * A compile's deadline; past it the compile fails (`compile_timeout`); a
   * `puppet` compile's Ruby process is killed and replaced.
   * Well under agents' 60 s catalog timeout. @defaultValue 20_000
   */
  readonly compileTimeoutMs: number;
  /**
   * Ruby processes of the `puppet` compiler, all workers together (each
   * worker gets its share, rounded up); it is also how many compiles run at
   * once, in place of `compileConcurrency`. @defaultValue CPU cores
   */
  readonly puppetProcesses: number;
  /** A `puppet` compile process is replaced after this many compiles. @defaultValue 1000 */
  readonly puppetMaxCompilesPerProcess: number;
  /** A `puppet` compile process above this resident memory (MB) after a compile is replaced. @defaultValue 1024 */
  readonly puppetMaxRssMb: number;
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
  /**
   * Puppet's ssldir layout: the CA in `ca/` (puppetserver's CA directory),
   * the server's and generated keys and certificates in `private_keys/`
   * and `certs/`. Empty means `<dataDir>/ssl` (see {@link sslDirOf}).
   * @defaultValue `<dataDir>/ssl`
   */
  readonly sslDir: string;
  /**
   * puppetserver's `autosign`: `false` leaves every request to an operator,
   * `true` signs all, a path names an autosign.conf allow-list or a policy
   * executable (certname as argument, CSR on stdin, exit 0 signs).
   * @defaultValue false
   */
  readonly autosign: boolean | string;
  /** Validity of the certificates the CA issues, its own included (puppetserver's `ca_ttl`). @defaultValue 157_680_000 (5 years) */
  readonly caTtlSeconds: number;
  /**
   * The server's own certname: its TLS certificate (signed by the CA on
   * first start, marked `pp_cli_auth`) is issued to it, with `localhost`,
   * `127.0.0.1` and `::1` as alternative names. @defaultValue this host's name, lower-cased
   */
  readonly certname: string;
  /** More names for the server's certificate (when it is first issued). @defaultValue none */
  readonly dnsAltNames: readonly string[];
  /**
   * Certnames allowed on admin routes (Troupe's own API, the v4 catalog,
   * CA management), besides certificates marked `pp_cli_auth` (the
   * server's own, which the CLI uses). Deny by default. @defaultValue none
   */
  readonly adminCertnames: readonly string[];
  /**
   * Operators who may deploy (`POST /troupe/v1/deployments`) and run
   * (`POST /troupe/v1/runs`) besides reading; nothing else admin-only.
   * A certname in several role lists has the highest. @defaultValue none
   */
  readonly deployerCertnames: readonly string[];
  /** Read-only operators: queries, node data, deployments' and runs' status; 403 on any write. @defaultValue none */
  readonly readOnlyCertnames: readonly string[];
  /**
   * Certnames allowed to scrape `GET /metrics` on the HTTPS door besides
   * admins (a Prometheus server's certificate), without admin rights
   * elsewhere. The plain listener serves it to anyone who reaches it.
   * @defaultValue none
   */
  readonly metricsCertnames: readonly string[];
  /**
   * A plain-HTTP listener for loopback tooling and benchmarks; it carries
   * operator rights (no certificates), so it is off unless asked for.
   * `null` is off; 0 any free port. @defaultValue null (off)
   */
  readonly plainPort: number | null;
  /** Where the plain listener listens; loopback only unless `plainAllowRemote`. @defaultValue `127.0.0.1` */
  readonly plainHost: string;
  /** Lets `plainHost` be a non-loopback address: anyone who reaches it is the operator. @defaultValue false */
  readonly plainAllowRemote: boolean;
  /**
   * The least severe log entries written (JSON lines on stdout, readable
   * lines on a terminal); `silent` writes none. @defaultValue `info`
   */
  readonly logLevel: LogLevel;
}

export type ConfigField = keyof TroupeConfig;
const NUMBERS: readonly ConfigField[] = [
  'port', 'workers', 'compileConcurrency', 'admissionHighWater', 'maxRetryAfterSeconds', 'tlsHoldSeconds', 'maxQueueDepth',
  'catalogTimeoutMs', 'maxBodyBytes', 'maxInFlightBodyBytes', 'maxClockSkewSeconds', 'mailboxCapacity', 'maxActors',
  'compileTimeoutMs', 'compileMaxSteps', 'compileMaxStringLength', 'compileMaxCollectionSize', 'compileMaxResources',
  'compileMaxCallDepth', 'compileMaxNestingDepth', 'caTtlSeconds', 'puppetProcesses', 'puppetMaxCompilesPerProcess', 'puppetMaxRssMb',
  'verifyMaxQueued', 'deployWindow', 'backgroundCompileNice', 'leaseMs', 'shards',
];

/** How a setting reads in `troupe serve --help`: its value's placeholder, meaning and default as people write it. */
export interface SettingHelp {
  readonly value: string;
  readonly description: string;
  readonly default: string;
}

/** Every setting's help (a Record, so a new setting cannot be left out of `--help`). */
export const SETTINGS_HELP: Readonly<Record<ConfigField, SettingHelp>> = {
  dataDir: { value: 'DIR', description: 'log and storeconfigs files', default: './.troupe' },
  store: { value: 'sqlite|postgres://USER@HOST/DB|kurrentdb://HOST', description: 'where the event log and storeconfigs live (docs/postgres.md, docs/kurrentdb.md)', default: 'sqlite' },
  instanceId: { value: 'NAME', description: 'postgres: this instance in the shard-lease table (unique, stable across restarts)', default: 'HOST:PORT' },
  leaseMs: { value: 'N', description: "postgres: shard lease time; a crashed instance's nodes move after it (≥ 2000)", default: '10000' },
  shards: { value: 'N', description: 'postgres: shards the nodes are leased in, fixed when the lease table is created (1–4096)', default: '64' },
  host: { value: 'ADDR', description: 'HTTP listen address', default: '127.0.0.1' },
  port: { value: 'N', description: 'HTTP port (0 = any free port)', default: '8140' },
  compiler: { value: 'auto|builtin|puppet|static', description: 'compile the Puppet code in --code-dir (builtin: in TypeScript; puppet: with real Puppet 7 in Ruby processes; auto: builtin unless an environment needs Ruby), or serve pre-built catalogs from --static-dir', default: 'auto' },
  verifySample: { value: 'FRACTION', description: 'auto: share of builtin compiles compiled again with Puppet, differences recorded as compile_drift (0.01 suggested)', default: '0 (off)' },
  verifyMaxQueued: { value: 'N', description: 'shadow compiles waiting at most; more are dropped and counted', default: '16' },
  staticDir: { value: 'DIR', description: 'pre-built catalogs for the static compiler', default: 'docs/examples/static' },
  codeDir: { value: 'DIR', description: 'Puppet environment for the builtin, puppet and auto compilers (serves every environment name)', default: 'docs/examples/environment' },
  environmentsDir: { value: 'DIR', description: "Puppet's environmentpath (DIR/<environment>), used instead of --code-dir", default: 'off' },
  workers: { value: 'N', description: 'actor worker processes; 0 runs everything in one process', default: 'CPU cores' },
  compileConcurrency: { value: 'N', description: 'compiles at once (per worker)', default: 'CPU cores' },
  admissionHighWater: { value: 'N', description: 'pending compiles at which new ones get 503', default: '256' },
  maxRetryAfterSeconds: { value: 'N', description: 'upper bound of the jittered Retry-After', default: '10' },
  priorityClasses: { value: 'CLASS:SEL,..;..', description: 'node priority classes (critical, high) by certname glob or fact=value, e.g. critical:role=db,db*', default: 'none' },
  deployWindow: { value: 'N', description: "a deployment's recompiles in flight at once (0: the compile slots of all workers, ×4 with background compile threads)", default: '0' },
  deployAdaptive: { value: 'true|false', description: "halve the deploy window while over 1 % of agents' check-ins are slowed by it (grown back by one a second)", default: 'true' },
  backgroundCompileNice: { value: 'N', description: "builtin/auto compiler: each worker's background compiles (deployments, dependencies) on a built-in thread at this nice value, 1–19 (0: on the worker's own thread); with auto only environments it gives the built-in", default: '19' },
  tlsHoldSeconds: { value: 'N', description: 'while admission is shut, hold new HTTPS connections this long before their handshake, then answer 503 (0: at once)', default: '60' },
  maxQueueDepth: { value: 'N', description: 'unprojected events at which PuppetDB commands get 503', default: '50000' },
  catalogTimeoutMs: { value: 'N', description: 'how long a catalog request waits for its compile', default: '60000' },
  maxBodyBytes: { value: 'N', description: 'largest request body', default: '67108864' },
  maxInFlightBodyBytes: { value: 'N', description: 'request bodies held in memory at once, all requests together (503 above)', default: '67108864' },
  maxClockSkewSeconds: { value: 'N', description: 'producer timestamps further in the future are refused', default: '300' },
  mailboxCapacity: { value: 'N', description: 'per-node mailbox', default: '8' },
  maxActors: { value: 'N', description: 'live idle node actors kept', default: '10000' },
  durability: { value: 'full|normal', description: 'full: fsync each group commit; normal: survives process crashes only', default: 'full' },
  stompUrl: { value: 'URL', description: 'STOMP broker for commands and pushes', default: 'none' },
  stompSenderHeader: { value: 'JMSXUserID|user-id', description: "the broker's sender-identity header; with it an agent's account may send only its own node's commands", default: 'off' },
  compileQueue: { value: 'auto|on|off', description: 'compile jobs over the broker queue troupe.compile, taken by every instance (auto: on with postgres and --stomp-url, any --workers: a cluster compiles the jobs it takes in its workers)', default: 'auto' },
  stompTrustedSenders: { value: 'A,B', description: 'broker accounts that may send any command when --stomp-sender-header is set', default: 'none' },
  compileTimeoutMs: { value: 'N', description: 'a compile still running after this fails with compile_timeout (puppet: its process is killed)', default: String(LIMITS.timeoutMs) },
  puppetProcesses: { value: 'N', description: 'Ruby processes of the puppet compiler, all workers together (each compiles one catalog with the next sent ahead)', default: 'CPU cores' },
  puppetMaxCompilesPerProcess: { value: 'N', description: 'a puppet compile process is replaced after this many compiles', default: '1000' },
  puppetMaxRssMb: { value: 'N', description: 'a puppet compile process above this resident memory (MB) is replaced', default: '1024' },
  compileMaxSteps: { value: 'N', description: 'evaluation steps one compile may take', default: String(LIMITS.maxSteps) },
  compileMaxStringLength: { value: 'N', description: 'largest string a compile may build, characters', default: String(LIMITS.maxStringLength) },
  compileMaxCollectionSize: { value: 'N', description: 'largest array or hash a compile may build', default: String(LIMITS.maxCollectionSize) },
  compileMaxResources: { value: 'N', description: 'resources in one catalog', default: String(LIMITS.maxResources) },
  compileMaxCallDepth: { value: 'N', description: 'nested class, define and function calls', default: String(LIMITS.maxCallDepth) },
  compileMaxNestingDepth: { value: 'N', description: 'nested expressions in a manifest', default: String(LIMITS.maxNestingDepth) },
  sslDir: { value: 'DIR', description: "Puppet ssldir: the CA in DIR/ca (puppetserver's layout), host keys and certificates", default: 'DATA-DIR/ssl' },
  autosign: { value: 'true|false|FILE', description: 'sign requests at once: all, none, or as an autosign.conf or policy executable decides', default: 'false' },
  caTtlSeconds: { value: 'N', description: 'validity of issued certificates, seconds', default: String(DEFAULT_CA_TTL_SECONDS) },
  certname: { value: 'NAME', description: "the server's own certname (its TLS certificate, the CLI's admin identity)", default: "this host's name" },
  dnsAltNames: { value: 'A,B', description: "more names for the server's certificate when it is first issued", default: 'none' },
  adminCertnames: { value: 'A,B', description: 'certnames allowed on admin routes besides pp_cli_auth certificates', default: 'none' },
  deployerCertnames: { value: 'A,B', description: 'operators who may read, deploy and run (troupe deploy, troupe run), not administer', default: 'none' },
  readOnlyCertnames: { value: 'A,B', description: 'operators who may only read (queries, nodes, deployments, runs)', default: 'none' },
  metricsCertnames: { value: 'A,B', description: 'certnames allowed to scrape GET /metrics over HTTPS besides admins (a Prometheus server)', default: 'none' },
  plainPort: { value: 'N|off', description: 'plain-HTTP listener for loopback tooling (operator rights, no certificates)', default: 'off' },
  plainHost: { value: 'ADDR', description: 'address of the plain listener (loopback unless --plain-allow-remote)', default: '127.0.0.1' },
  plainAllowRemote: { value: 'true|false', description: 'let --plain-host be a non-loopback address', default: 'false' },
  logLevel: { value: LOG_LEVELS.join('|'), description: 'least severe log entries written (JSON lines on stdout; readable lines on a terminal)', default: 'info' },
};

export function defaultConfig(): TroupeConfig {
  const root = packageRoot();
  const codeDir = join(root, 'docs/examples/environment');
  return {
    dataDir: resolve('.troupe'),
    store: { kind: 'sqlite' },
    instanceId: '',
    leaseMs: 10_000,
    shards: 64,
    host: '127.0.0.1',
    port: 8140,
    compiler: 'auto',
    verifySample: 0,
    verifyMaxQueued: 16,
    staticDir: join(root, 'docs/examples/static'),
    codeDir,
    environmentsDir: '',
    workers: availableParallelism(),
    compileConcurrency: availableParallelism(),
    admissionHighWater: 256,
    maxRetryAfterSeconds: 10,
    priorityClasses: [],
    deployWindow: 0,
    deployAdaptive: true,
    backgroundCompileNice: 19,
    tlsHoldSeconds: 60,
    maxQueueDepth: 50_000,
    catalogTimeoutMs: 60_000,
    maxBodyBytes: 64 * 1024 * 1024,
    maxInFlightBodyBytes: 64 * 1024 * 1024,
    maxClockSkewSeconds: 300,
    mailboxCapacity: 8,
    maxActors: 10_000,
    durability: 'full',
    stompUrl: '',
    stompSenderHeader: '',
    stompTrustedSenders: [],
    compileQueue: 'auto',
    compileTimeoutMs: LIMITS.timeoutMs,
    compileMaxSteps: LIMITS.maxSteps,
    compileMaxStringLength: LIMITS.maxStringLength,
    compileMaxCollectionSize: LIMITS.maxCollectionSize,
    compileMaxResources: LIMITS.maxResources,
    compileMaxCallDepth: LIMITS.maxCallDepth,
    compileMaxNestingDepth: LIMITS.maxNestingDepth,
    puppetProcesses: availableParallelism(),
    puppetMaxCompilesPerProcess: 1000,
    puppetMaxRssMb: 1024,
    sslDir: '',
    autosign: false,
    caTtlSeconds: DEFAULT_CA_TTL_SECONDS,
    certname: hostname().toLowerCase(),
    dnsAltNames: [],
    adminCertnames: [],
    deployerCertnames: [],
    readOnlyCertnames: [],
    metricsCertnames: [],
    plainPort: null,
    plainHost: '127.0.0.1',
    plainAllowRemote: false,
    logLevel: 'info',
  };
}

/** The instance's name in the shard-lease table: `instanceId`, else host name and port (process id when the port is chosen at random). */
export function instanceIdOf(config: Pick<TroupeConfig, 'instanceId' | 'port'>): string {
  if (config.instanceId !== '') return config.instanceId;
  return `${hostname().toLowerCase()}:${config.port === 0 ? `pid${process.pid}` : config.port}`;
}

/** The ssldir in use: the configured one, else `<dataDir>/ssl`. */
export function sslDirOf(config: Pick<TroupeConfig, 'sslDir' | 'dataDir'>): string {
  return config.sslDir === '' ? join(config.dataDir, 'ssl') : config.sslDir;
}

/** `compileConcurrency` ⇄ `TROUPE_COMPILE_CONCURRENCY` ⇄ `--compile-concurrency`. */
export const envName = (f: string): string => `TROUPE_${f.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
export const flagName = (f: string): string => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Defaults, then the config file (`--config FILE`, `TROUPE_CONFIG`, or
 * `./troupe.json` when present), then `TROUPE_*` environment variables,
 * then flags. Every value is validated with a message naming where it
 * came from (`--port`, `TROUPE_PORT`, `port in troupe.json`).
 */
export function loadConfig(flags: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): TroupeConfig {
  const defaults = defaultConfig();
  const file = flags['config'] ?? env['TROUPE_CONFIG'] ?? (existsSync('troupe.json') ? 'troupe.json' : undefined);
  const merged: Record<string, unknown> = { ...defaults };
  const origin: Record<string, string> = {};
  const set = (k: string, v: unknown, from: string): void => { merged[k] = v; origin[k] = from; };
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError('config', `cannot read ${file}: ${(e as Error).message}`);
    }
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (!(k in defaults)) throw new ConfigError(k, `unknown setting in ${file}`);
      set(k, v, `${k} in ${file}`);
    }
  }
  for (const k of Object.keys(defaults)) {
    const fromEnv = env[envName(k)];
    if (fromEnv !== undefined) set(k, fromEnv, envName(k));
    const fromFlag = flags[k];
    if (fromFlag !== undefined) set(k, fromFlag, flagName(k));
  }
  return validate(merged, (f) => origin[f] ?? f);
}

function validate(c: Record<string, unknown>, source: (f: ConfigField) => string): TroupeConfig {
  for (const f of NUMBERS) {
    const min = f === 'port' || f === 'workers' || f === 'tlsHoldSeconds' || f === 'deployWindow' || f === 'backgroundCompileNice' ? 0 : 1;
    const n = typeof c[f] === 'string' && /^\d+$/.test(c[f]) ? Number(c[f]) : c[f];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || (f === 'port' && n > 65_535)) {
      const expected = f === 'port' ? 'a port number 0–65535' : min === 0 ? 'a whole number ≥ 0' : 'a positive integer';
      throw new ConfigError(source(f), `expected ${expected}, got ${JSON.stringify(c[f])}`);
    }
    c[f] = n;
  }
  if (!['static', 'builtin', 'puppet', 'auto'].includes(String(c['compiler']))) throw new ConfigError(source('compiler'), 'expected auto, builtin, puppet or static');
  c['verifySample'] = fractionSetting(c['verifySample'], source('verifySample'));
  if (c['verifySample'] !== 0 && c['compiler'] !== 'auto') throw new ConfigError(source('verifySample'), `checks builtin compiles against Puppet, so it needs compiler auto (not ${String(c['compiler'])})`);
  if (c['durability'] !== 'full' && c['durability'] !== 'normal') throw new ConfigError(source('durability'), 'expected full or normal');
  if (!isLogLevel(String(c['logLevel']))) throw new ConfigError(source('logLevel'), `expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(c['logLevel'])}`);
  if (Number(c['caTtlSeconds']) > MAX_CA_TTL_SECONDS) throw new ConfigError(source('caTtlSeconds'), `must be at most ${MAX_CA_TTL_SECONDS} (50 years, puppetserver's limit)`);
  c['priorityClasses'] = priorityClassesSetting(c['priorityClasses'], source('priorityClasses'));
  c['autosign'] = autosignSetting(c['autosign'], source('autosign'));
  c['store'] = storeSetting(c['store'], source('store'));
  if (Number(c['leaseMs']) < 2000) throw new ConfigError(source('leaseMs'), 'must be at least 2000 (leases are renewed every third of it, and held 1 s short of it)');
  if (Number(c['shards']) > 4096) throw new ConfigError(source('shards'), 'must be from 1 to 4096');
  if (typeof c['instanceId'] !== 'string' || !/^[\w.:@-]{0,200}$/.test(c['instanceId'])) throw new ConfigError(source('instanceId'), 'expected up to 200 letters, digits and . : @ _ -');
  for (const f of ['dnsAltNames', 'adminCertnames', 'deployerCertnames', 'readOnlyCertnames', 'metricsCertnames', 'stompTrustedSenders'] as const) c[f] = nameList(c[f], source(f));
  if ((c['stompTrustedSenders'] as string[]).length > 0 && c['stompSenderHeader'] === '') {
    throw new ConfigError(source('stompTrustedSenders'), 'needs --stomp-sender-header: without the broker naming each sender, there is nobody to trust');
  }
  compileQueueSetting(c, source);
  c['plainPort'] = plainPortSetting(c['plainPort'], source('plainPort'));
  c['plainAllowRemote'] = booleanSetting(c['plainAllowRemote'], source('plainAllowRemote'));
  c['deployAdaptive'] = booleanSetting(c['deployAdaptive'], source('deployAdaptive'));
  if (Number(c['backgroundCompileNice']) > 19) throw new ConfigError(source('backgroundCompileNice'), 'must be from 0 to 19 (the lowest CPU priority)');
  if (c['plainPort'] !== null && !c['plainAllowRemote'] && !isLoopback(String(c['plainHost']))) {
    throw new ConfigError(source('plainHost'), `plain HTTP carries operator rights without certificates, so it listens on loopback only; ${String(c['plainHost'])} is not (set plainAllowRemote to force it)`);
  }
  for (const f of ['dataDir', 'staticDir', 'codeDir'] as const) c[f] = resolve(String(c[f]));
  if (c['sslDir'] !== '') c['sslDir'] = resolve(String(c['sslDir']));
  if (c['environmentsDir'] !== '') c['environmentsDir'] = resolve(String(c['environmentsDir']));
  return Object.freeze(c) as unknown as TroupeConfig;
}

/** Parsed rules (defaults and tests give them parsed already). */
function priorityClassesSetting(value: unknown, source: string): readonly PriorityRule[] {
  if (Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null && 'selector' in r)) return value as PriorityRule[];
  try {
    return parsePriorityClasses(value);
  } catch (e) {
    if (e instanceof ValidationError) throw new ConfigError(source, e.message);
    throw e;
  }
}

/** `true`/`false` (a boolean in the config file, or the words), else the path of a policy file. */
function autosignSetting(value: unknown, source: string): boolean | string {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value !== 'string' || value === '') throw new ConfigError(source, 'expected true, false or the path of an autosign.conf or policy executable');
  return resolve(value);
}

/** A list of names: an array in the config file, or comma-separated in a flag or TROUPE_*. */
function nameList(value: unknown, source: string): readonly string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return Object.freeze([...value]);
  if (typeof value === 'string') return Object.freeze(value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
  throw new ConfigError(source, 'expected a comma-separated list of names');
}

function plainPortSetting(value: unknown, source: string): number | null {
  if (value === null || value === 'off' || value === '') return null;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 65_535) throw new ConfigError(source, `expected off or a port number 0–65535, got ${JSON.stringify(value)}`);
  return n;
}

/** A share from 0 to 1 (a number in the config file, or its text). */
function fractionSetting(value: unknown, source: string): number {
  const n = typeof value === 'string' && /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !(n >= 0 && n <= 1)) throw new ConfigError(source, `expected a fraction from 0 to 1, got ${JSON.stringify(value)}`);
  return n;
}

/** `compileQueue`: one of its values; `on` only where the queue can work (the settings `auto` looks at). */
function compileQueueSetting(c: Record<string, unknown>, source: (f: ConfigField) => string): void {
  const v = c['compileQueue'];
  if (v !== 'auto' && v !== 'on' && v !== 'off') throw new ConfigError(source('compileQueue'), `expected auto, on or off, got ${JSON.stringify(v)}`);
  if (v !== 'on') return;
  const missing = [
    ...((c['store'] as StoreSetting).kind === 'postgres' ? [] : ['a shared store (--store postgres://…)']),
    ...(c['stompUrl'] === '' ? ['a broker (--stomp-url)'] : []),
  ];
  if (missing.length > 0) throw new ConfigError(source('compileQueue'), `on needs ${missing.join(', ')}`);
}

/** Whether node actors publish compile jobs to the broker and this instance consumes them (`compileQueue`, resolved). */
export function usesCompileQueue(c: Pick<TroupeConfig, 'compileQueue' | 'store' | 'stompUrl'>): boolean {
  return c.compileQueue === 'on' || (c.compileQueue === 'auto' && c.store.kind === 'postgres' && c.stompUrl !== '');
}

function booleanSetting(value: unknown, source: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ConfigError(source, `expected true or false, got ${JSON.stringify(value)}`);
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\./.test(host);
