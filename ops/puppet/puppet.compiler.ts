import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PuppetCatalog } from '../../core/catalog/puppet-catalog.types.js';
import type { CatalogCompiler, CompileRequest } from '../../core/compiler/catalog-compiler.js';
import { fingerprint } from '../../core/compiler/puppet/loader/environment-code.js';
import { ConfigError, isTroupeError } from '../../core/errors/troupe-error.js';
import type { CompileErrorInfo } from '../../core/events/event.types.js';
import { err, ok, type Result } from '../../core/result.js';
import { packageRoot } from '../config/package-root.js';
import { log } from '../log/logger.js';
import { CodeVersionLinks, versionKey, type CodeVersionLink } from './code-version-links.js';
import { PuppetPool, type PuppetPoolStats } from './puppet-pool.js';
import { NOT_STARTED, PuppetProcess, type CompileJob } from './puppet-process.js';
import { rubyEnvironment } from './ruby-gc-settings.js';

export interface PuppetCompilerOptions {
  /** One environment directory that serves every environment name (as the builtin's `codeDir`). Exactly one of `codeDir` and `environmentsDir` is required. */
  readonly codeDir?: string;
  /** Puppet's environmentpath: `<environmentsDir>/<environment>` (as the builtin's `environmentsDir`). */
  readonly environmentsDir?: string;
  /** Ruby processes in the pool. */
  readonly processes: number;
  /** A process is replaced after this many compiles (Puppet's memory creeps). */
  readonly maxCompilesPerProcess: number;
  /** A process above this resident memory after a compile is replaced. */
  readonly maxRssMb: number;
  /** A compile's deadline: past it its process is killed (`compile_timeout`). */
  readonly timeoutMs: number;
  /** The ruby that has Puppet 7. @defaultValue `ruby` (from PATH) */
  readonly ruby?: string;
  /** Compiles that may wait for a process. @defaultValue 10_000 */
  readonly maxQueue?: number;
  /** How long a fingerprinted code version is trusted before the files are checked again. @defaultValue 1000 */
  readonly checkIntervalMs?: number;
  /** Largest catalog frame from Ruby. @defaultValue 256 MiB */
  readonly maxFrameBytes?: number;
  /** How long loading Ruby and Puppet may take. @defaultValue 60_000 */
  readonly readyTimeoutMs?: number;
  /** Puppet's log lines (its stderr). @defaultValue the runtime log: `Error:` lines at `error`, `Warning:` at `warn`, the rest `info`, with the Ruby process's `puppetPid` */
  readonly onLog?: (line: string, pid: number | undefined) => void;
  /** The Ruby processes' environment. @defaultValue Troupe's own, with the GC settings it does not set (`rubyEnvironment()`, ruby-gc-settings.ts) */
  readonly env?: NodeJS.ProcessEnv;
}

export const DEFAULT_PUPPET_COMPILER_OPTIONS = {
  ruby: 'ruby',
  maxQueue: 10_000,
  checkIntervalMs: 1000,
  maxFrameBytes: 256 * 1024 * 1024,
  readyTimeoutMs: 60_000,
  onLog: (line: string, pid: number | undefined) => {
    const level = /^Error:/.test(line) ? 'error' : /^Warning:/.test(line) ? 'warn' : 'info';
    log[level]({ puppetPid: pid }, `puppet[${pid}] ${line}`);
  },
} as const;

/**
 * Code versions (requests' `codeDir`: a staged rollout's copies) loaded
 * side by side; past it the least recently compiled is dropped and loaded
 * again when next compiled. An open rollout has two per environment.
 */
export const MAX_CODE_VERSIONS = 32;

/** How often a compile sent ahead is sent again when its process dies before starting it. */
const MAX_ATTEMPTS = 3;

/** Puppet's rule for an environment's name (it is also a directory's name). */
const ENVIRONMENT_NAME = /^[a-z0-9_]+$/;

const SERVER_SCRIPT = (): string => join(packageRoot(), 'ops/puppet/ruby/compile_server.rb');

/** The puppet backend's compiler, with its pool's figures for `/status`. */
export interface PuppetCompiler extends CatalogCompiler {
  stats(): PuppetPoolStats;
}

/**
 * Compiles with real Puppet 7 in a pool of long-lived Ruby processes
 * (docs/compiler.md, "The puppet backend"): Ruby functions and types of
 * modules work as on puppetserver. Puppet sees `codeDir` through an
 * environmentpath of symlinks, one per environment name (paths in
 * catalogs and errors are given back under `codeDir`), or `environmentsDir`
 * as its environmentpath. A request's own `codeDir` (a staged rollout's
 * version) is loaded from an environmentpath of its own
 * (code-version-links.ts), cached beside the environment's own code.
 */
export function createPuppetCompiler(options: PuppetCompilerOptions): PuppetCompiler {
  const opts = { ...DEFAULT_PUPPET_COMPILER_OPTIONS, ...options };
  if ((opts.environmentsDir === undefined) === (opts.codeDir === undefined)) {
    throw new ConfigError('environmentsDir', 'exactly one of environmentsDir and codeDir must be set');
  }
  const codeDir = opts.codeDir === undefined ? undefined : resolve(opts.codeDir);
  const environmentsDir = opts.environmentsDir === undefined ? undefined : resolve(opts.environmentsDir);
  const dirOf = (environment: string): string => codeDir ?? join(environmentsDir!, environment);
  const work = lazyWorkDir();
  const codeIds = new Map<string, { id: string; checkedAt: number }>();
  let started = 0;
  const pool = new PuppetPool({
    size: opts.processes, maxCompilesPerProcess: opts.maxCompilesPerProcess, maxRssMb: opts.maxRssMb, maxQueue: opts.maxQueue,
    start: () => {
      const state = join(work.dir(), `state-${started++}`);
      mkdirSync(state, { recursive: true });
      const p: PuppetProcess = new PuppetProcess({
        // With codeDir, Puppet sees it through an environmentpath of symlinks; environmentsDir is one already.
        ruby: opts.ruby, argv: [SERVER_SCRIPT(), environmentsDir ?? work.environments(), state, codeDir ?? ''],
        maxFrameBytes: opts.maxFrameBytes, readyTimeoutMs: opts.readyTimeoutMs, onLog: (line) => opts.onLog(line, p.pid), env: opts.env ?? rubyEnvironment(),
      });
      return p;
    },
  });

  /** `key`: the environment, or a code version's `versionKey`. */
  const fingerprinted = (key: string, environment: string, dir: string): string => {
    const cached = codeIds.get(key);
    const now = Date.now();
    if (cached && now - cached.checkedAt < opts.checkIntervalMs) return cached.id;
    // A name is a path segment here: one that is not an environment name has no code.
    const id = ENVIRONMENT_NAME.test(environment) && existsSync(dir) ? fingerprint(dir) : '';
    // Only code that exists is remembered: request names are unbounded.
    if (id === '') codeIds.delete(key); else codeIds.set(key, { id, checkedAt: now });
    return id;
  };
  const codeId = (environment: string): string => fingerprinted(environment, environment, dirOf(environment));

  const versions = new CodeVersionLinks(work.dir, MAX_CODE_VERSIONS, (link) => {
    codeIds.delete(link.key);
    pool.forget(link);
  });

  const attempt = (request: CompileRequest, id: string, version: CodeVersionLink | undefined) => pool.with((p) => {
    // A process drops an environment (or version) it loaded from older code before compiling with it.
    const key = version?.key ?? request.environment;
    if (p.loaded.get(key) !== id) {
      p.invalidate(request.environment, version);
      p.loaded.set(key, id);
    }
    return p.compile(compileJob(request, opts.timeoutMs, version));
  });

  /** A compile sent ahead to a process that died before starting it goes to another (it never ran). */
  const run = async (request: CompileRequest, id: string, version: CodeVersionLink | undefined): Promise<Result<PuppetCatalog, CompileErrorInfo>> => {
    for (let tries = 1; ; tries++) {
      const r = await attempt(request, id, version);
      if (r !== NOT_STARTED) return r;
      if (tries === MAX_ATTEMPTS) {
        return err({ code: 'compiler_crashed', message: `Puppet compile processes died ${tries} times before compiling node ${request.certname}` });
      }
    }
  };

  return {
    name: 'puppet',
    codeVersions: true,
    async compile(request) {
      // The code version also says whether the environment exists (checked as often): no system call per compile.
      const dir = request.codeDir === undefined ? undefined : resolve(request.codeDir);
      const id = dir === undefined ? codeId(request.environment) : fingerprinted(versionKey(request.environment, dir), request.environment, dir);
      if (id === '') return err(environmentMissing(request));
      if (dir === undefined && codeDir !== undefined) work.link(request.environment, codeDir);
      const version = dir === undefined ? undefined : versions.use(request.environment, dir);
      try {
        const r = await run(request, id, version);
        return r.ok ? ok({ ...r.value, code_id: id, catalog_uuid: request.catalogUuid }) : r;
      } catch (e) {
        const code = isTroupeError(e) && e.code === 'pool_full' ? 'pool_full' : 'compiler_unavailable';
        return err({ code, message: `${(e as Error).message} (compiling node ${request.certname})` });
      }
    },
    codeId: async (environment) => codeId(environment),
    invalidate(environment) {
      if (environment === undefined) codeIds.clear();
      else for (const k of [...codeIds.keys()]) if (k === environment || k.startsWith(versionKey(environment, ''))) codeIds.delete(k);
      // Versions go with their environment (a rollout's copies removed): linked and loaded again if compiled again.
      versions.drop(environment);
      pool.invalidate(environment);
    },
    stats: () => pool.stats(),
    async close() {
      pool.close();
      work.remove();
    },
  };
}

function compileJob(request: CompileRequest, timeoutMs: number, version: CodeVersionLink | undefined): CompileJob {
  const { certname, environment, facts, trusted } = request;
  const at = version ? { environmentpath: version.environmentpath, codeDir: version.codeDir } : {};
  return { frame: { type: 'compile', certname, environment, facts, ...(trusted ? { trusted } : {}), ...at }, exported: request.exported, timeoutMs };
}

/** Puppet's own answer for an environment that does not exist (a name is also a path segment here). */
function environmentMissing(request: CompileRequest): CompileErrorInfo {
  return {
    code: 'compile_failed',
    message: `Could not find a directory environment named '${request.environment}' anywhere in the path on node ${request.certname}`,
  };
}

/**
 * The pool's scratch directory: an environmentpath of symlinks and each
 * process's Puppet state; made on first use. Links are remembered, so a
 * compile costs no system call here (bounded: only names of existing
 * environments are linked).
 */
function lazyWorkDir() {
  let dir: string | undefined;
  const linked = new Set<string>();
  const made = (): string => {
    if (dir === undefined) {
      dir = mkdtempSync(join(tmpdir(), 'troupe-puppet-'));
      mkdirSync(join(dir, 'environments'));
    }
    return dir;
  };
  return {
    dir: made,
    environments: () => join(made(), 'environments'),
    link(environment: string, codeDir: string): void {
      if (linked.has(environment)) return;
      const path = join(made(), 'environments', environment);
      if (!existsSync(path)) symlinkSync(codeDir, path);
      linked.add(environment);
    },
    remove(): void {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Fails with a clear `ConfigError` unless `ruby` can load Puppet: called
 * when `troupe serve --compiler puppet` starts. Returns Puppet's version.
 */
export function checkPuppet(ruby: string = DEFAULT_PUPPET_COMPILER_OPTIONS.ruby): string {
  const r = spawnSync(ruby, [SERVER_SCRIPT(), '--check'], { encoding: 'utf8', timeout: 60_000 });
  const problem = puppetCheckProblem(ruby, r.error, r.status, r.stdout ?? '', r.stderr ?? '');
  if (problem !== undefined) throw new ConfigError('compiler', problem);
  return r.stdout.trim();
}

/**
 * Why Puppet cannot run here, or `undefined` when it can: `checkPuppet`
 * without blocking (`--compiler auto` asks before the first compile that
 * needs Puppet).
 */
export function checkPuppetAsync(ruby: string = DEFAULT_PUPPET_COMPILER_OPTIONS.ruby): Promise<string | undefined> {
  return new Promise((done) => {
    let out = '';
    let errText = '';
    const child = spawn(ruby, [SERVER_SCRIPT(), '--check'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { errText += d.toString(); });
    child.once('error', (e) => done(puppetCheckProblem(ruby, e, null, out, errText)));
    child.once('close', (status) => done(puppetCheckProblem(ruby, undefined, status, out, errText)));
  });
}

/** What `compile_server.rb --check` said, as a sentence when it is not Puppet 7. */
function puppetCheckProblem(ruby: string, error: Error | undefined, status: number | null, stdout: string, stderr: string): string | undefined {
  const version = status === 0 ? stdout.trim() : '';
  if (/^7\./.test(version)) return undefined;
  const why = error ? error.message : version ? `it has Puppet ${version}` : (stderr.trim().split('\n').pop() ?? `exit ${status}`);
  return `the puppet compiler needs ruby with Puppet 7 (${ruby}): ${why}`;
}
