import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PuppetCatalog } from '../catalog/puppet-catalog.types.js';
import { ConfigError } from '../errors/troupe-error.js';
import type { CompileErrorInfo } from '../events/event.types.js';
import { err, ok, type Result } from '../result.js';
import type { CatalogCompiler, CompileRequest } from './catalog-compiler.js';
import { Compilation } from './puppet/evaluation/compilation.js';
import { CompileBoundError, DEFAULT_COMPILE_LIMITS, LIMIT_SETTINGS, type CompileLimits } from './puppet/evaluation/compile-budget.js';
import { EnvironmentCode, fingerprint, scanEnvironment } from './puppet/loader/environment-code.js';
import { ParseCache } from './puppet/loader/parse-cache.js';
import { PuppetError, puppetMessage, UnsupportedError } from './puppet/puppet-error.js';

/** Where the builtin compiler finds code, and how it watches it. */
export interface BuiltinCompilerOptions {
  /**
   * A directory with one sub-directory per environment (Puppet's
   * `environmentpath`): `<environmentsDir>/<environment>/manifests`.
   * Exactly one of `environmentsDir` and `codeDir` is required.
   * @defaultValue undefined
   */
  readonly environmentsDir?: string;
  /** One environment directory that serves every environment name. @defaultValue undefined */
  readonly codeDir?: string;
  /**
   * How long a checked code version is trusted before the files are
   * fingerprinted again (0: every compile). `invalidate` forces a check.
   * @defaultValue 1000
   */
  readonly checkIntervalMs?: number;
  /**
   * Puppet's `basemodulepath`: directories of modules every environment
   * sees after its own `modules` (or where its `environment.conf`'s
   * `modulepath` says `$basemodulepath`). Part of the code version.
   * @defaultValue []
   */
  readonly basemodulepath?: readonly string[];
  /** `$server_facts['serverversion']`. @defaultValue '7.23.0' */
  readonly serverVersion?: string;
  /** Receives Puppet's warnings (unknown variables and the like). @defaultValue ignore */
  readonly onWarning?: (message: string) => void;
  /**
   * What one compile may spend (time, steps, sizes, depths); a compile past
   * a bound fails with `compile_timeout` or `compile_budget_exceeded`.
   * Unset fields keep their defaults.
   * @defaultValue DEFAULT_COMPILE_LIMITS
   */
  readonly limits?: Partial<CompileLimits>;
}

/** Defaults merged under the caller's options. */
export const DEFAULT_BUILTIN_COMPILER_OPTIONS = {
  checkIntervalMs: 1000,
  basemodulepath: [],
  serverVersion: '7.23.0',
} as const satisfies BuiltinCompilerOptions;

/** Puppet's rule for an environment's name (it is also a directory's name). */
const ENVIRONMENT_NAME = /^[a-z0-9_]+$/;

interface CachedEnvironment {
  /** The code, or why this code version cannot be loaded (a site manifest that does not parse). */
  readonly code: EnvironmentCode | { readonly codeId: string; readonly error: unknown };
  checkedAt: number;
}

/**
 * The built-in Puppet-language compiler: parses an environment's manifests
 * once (cached by file size and mtime) and compiles catalogs in process.
 *
 * @example
 * const compiler = createBuiltinCompiler({ codeDir: 'docs/examples/environment' });
 * const r = await compiler.compile({ certname, environment: 'production', facts, exported: NO_EXPORTED_RESOURCES, catalogUuid });
 */
export function createBuiltinCompiler(options: BuiltinCompilerOptions): CatalogCompiler {
  const opts = { ...DEFAULT_BUILTIN_COMPILER_OPTIONS, ...options };
  if ((opts.environmentsDir === undefined) === (opts.codeDir === undefined)) {
    throw new ConfigError('environmentsDir', 'exactly one of environmentsDir and codeDir must be set');
  }
  if (!(opts.checkIntervalMs >= 0)) throw new ConfigError('checkIntervalMs', 'must be a non-negative number');
  const limits = checkedLimits(opts.limits);
  const parses = new ParseCache(limits.maxNestingDepth);
  const environments = new Map<string, CachedEnvironment>();

  const dirOf = (environment: string): string =>
    resolve(opts.codeDir ?? join(opts.environmentsDir!, environment));

  /** `codeDir`: a code version's own directory (a staged rollout's), cached beside the environment's. */
  const load = (environment: string, codeDir?: string): EnvironmentCode => {
    const key = codeDir === undefined ? environment : `${environment}\0${codeDir}`;
    const cached = environments.get(key);
    const now = Date.now();
    if (cached && now - cached.checkedAt < opts.checkIntervalMs) return loaded(cached.code);
    const dir = codeDir === undefined ? dirOf(environment) : resolve(codeDir);
    if (!ENVIRONMENT_NAME.test(environment) || !existsSync(dir)) {
      throw new PuppetError(`Could not find a directory environment named '${environment}' anywhere in the path`, undefined, 'plain');
    }
    const scan = scanEnvironment(dir, opts.basemodulepath);
    if (cached && cached.code.codeId === scan.id) { cached.checkedAt = now; return loaded(cached.code); }
    // A code version that cannot be loaded is remembered too: it is not parsed again on every compile.
    let code: CachedEnvironment['code'];
    try {
      code = new EnvironmentCode(dir, environment, scan.id, scan.files, parses, opts.basemodulepath);
    } catch (error) {
      code = { codeId: scan.id, error };
    }
    environments.set(key, { code, checkedAt: now });
    return loaded(code);
  };

  return {
    name: 'builtin',
    codeVersions: true,
    async compile(request: CompileRequest): Promise<Result<PuppetCatalog, CompileErrorInfo>> {
      const started = performance.now();
      try {
        const code = load(request.environment, request.codeDir);
        const compilation = new Compilation(code, {
          certname: request.certname,
          facts: request.facts,
          trusted: request.trusted ?? {},
          exported: request.exported,
          serverVersion: opts.serverVersion,
          limits,
          started,
          ...(opts.onWarning ? { warn: opts.onWarning } : {}),
        });
        return ok(await compilation.run(request.catalogUuid));
      } catch (e) {
        return err(toErrorInfo(e, request.certname, request.environment));
      }
    },
    async codeId(environment: string): Promise<string> {
      // The version compiles use, re-checked at most every checkIntervalMs like compiles themselves;
      // code that does not parse still has a version (its fingerprint).
      try {
        return load(environment).codeId;
      } catch {
        const cached = environments.get(environment);
        if (cached) return cached.code.codeId;
        const dir = dirOf(environment);
        return ENVIRONMENT_NAME.test(environment) && existsSync(dir) ? fingerprint(dir, opts.basemodulepath) : '';
      }
    },
    invalidate(environment?: string): void {
      if (environment === undefined) { environments.clear(); parses.drop(); return; }
      environments.delete(environment);
      // Code versions of the environment (a rollout's snapshots) go too, with their parsed files.
      for (const key of environments.keys()) {
        if (!key.startsWith(`${environment}\0`)) continue;
        environments.delete(key);
        parses.drop(key.slice(environment.length + 1));
      }
      parses.drop(dirOf(environment));
    },
  };
}

/** The loaded code, or the error loading it raised. */
function loaded(code: CachedEnvironment['code']): EnvironmentCode {
  if (code instanceof EnvironmentCode) return code;
  throw code.error;
}

/** The defaults under the given limits, each a positive integer. */
function checkedLimits(given: Partial<CompileLimits> | undefined): CompileLimits {
  const limits = { ...DEFAULT_COMPILE_LIMITS, ...given };
  for (const [k, v] of Object.entries(limits) as [keyof CompileLimits, number][]) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(LIMIT_SETTINGS[k], `expected a positive integer, got ${JSON.stringify(v)}`);
  }
  return limits;
}

function toErrorInfo(e: unknown, certname: string, environment: string): CompileErrorInfo {
  if (e instanceof PuppetError) {
    return {
      code: e instanceof CompileBoundError || e instanceof UnsupportedError ? e.code : 'compile_failed',
      message: puppetMessage(e, certname, environment),
      ...(e.pos ? { file: e.pos.file, line: e.pos.line, column: e.pos.column } : {}),
    };
  }
  if (e instanceof RangeError) {
    // What no bound caught: a stack overflow (values nested deeper than the JS stack allows) or a string
    // or array beyond what V8 can allocate. The node's code did it, so it is the node's failure.
    return { code: 'compile_budget_exceeded', message: `Evaluation Error: Exceeded what the compiler can hold (${e.message}) on node ${certname}` };
  }
  // A defect of this compiler, not of the node's code: still a result, never a throw.
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'compile_failed', message: `Internal compiler error: ${message} on node ${certname}` };
}
