import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { err } from '../../result.js';
import type { PuppetCatalog } from '../../catalog/puppet-catalog.types.js';
import type { BackendChoice, CatalogCompiler, CompileRequest, CompileResult } from '../catalog-compiler.js';
import { implementsModuleFunction } from '../puppet/functions/module-function-registry.js';
import { scanEnvironment } from '../puppet/loader/environment-code.js';
import { EnvironmentAnalysis, type Backend, type BackendDecision } from './environment-analysis.js';
import { ShadowCheck, type ShadowCheckOptions, type ShadowCheckStats } from './shadow-check.js';

export interface AutoCompilerOptions {
  /** The built-in compiler (it also gives the code version, `codeId`). */
  readonly builtin: CatalogCompiler;
  /** Real Puppet (a pool of Ruby processes); started only when an environment needs it. */
  readonly puppet: CatalogCompiler;
  /** An environment's directory, for the analysis (`<environmentsDir>/<env>`, or the one `codeDir`). */
  readonly environmentDir: (environment: string) => string;
  /**
   * Whether Puppet can run here: `undefined` when it can, else why not
   * (`ruby` missing, no Puppet 7). Asked once, before the first compile that
   * needs Puppet, and again after `invalidate` (code or packages deployed).
   */
  readonly puppetProblem: () => Promise<string | undefined>;
  /** The shadow check of builtin compiles against Puppet (`--verify-sample`). @defaultValue off */
  readonly verify?: ShadowCheckOptions;
  /**
   * The built-in's `basemodulepath`: its modules are read by the analysis
   * like the environment's own. @defaultValue `[]`
   */
  readonly basemodulepath?: readonly string[];
  /** @defaultValue `implementsModuleFunction` of the built-in's native module functions (module-function-registry.ts) */
  readonly implementsModuleFunction?: (module: string, name: string) => boolean;
}

/** One environment's decision for one code version. */
interface Decided extends BackendDecision {
  readonly codeId: string;
  readonly decidedAt: string;
}

/**
 * Decisions kept for code versions given by a request's `codeDir` (a
 * staged rollout's copies) beside each environment's own: past it the
 * oldest is dropped and decided again when next compiled (one re-read of
 * that version's code). An open rollout has two versions per environment.
 */
export const MAX_VERSION_DECISIONS = 64;

/** Where a decision is kept: the environment's own code under its name, a `codeDir` version as `<env>@<dir>` ('@' is in no environment name). */
const decisionKey = (request: Pick<CompileRequest, 'environment' | 'codeDir'>): string =>
  request.codeDir === undefined ? request.environment : `${request.environment}@${resolve(request.codeDir)}`;

/** What `/status` shows of `--compiler auto`. */
export type AutoCompilerStats = {
  /** Per environment (and per `<env>@<codeDir>` for a staged rollout's versions): the backend that code version compiles with, and why. */
  readonly environments: Readonly<Record<string, Decided>>;
  /** Compiles by the backend that did them. */
  readonly compiles: Readonly<Record<Backend, { compiled: number; failed: number }>>;
  /** `unchecked` until Puppet is first needed, then `available` or `unavailable: why`. */
  readonly puppet: string;
  /** The Puppet pool's own figures, once it has started. */
  readonly pool?: unknown;
  readonly verify?: ShadowCheckStats;
};

/** The auto compiler, with its decisions and counters for `/status`. */
export interface AutoCompiler extends CatalogCompiler {
  stats(): AutoCompilerStats;
  /**
   * The backend `compile` would start with for this environment and code
   * version (`codeDir`), and why: the same cached decision, made now if
   * not yet (once per code version, as for a compile). A builtin compile
   * may still move the environment to Puppet (`compile_unsupported`).
   */
  backendFor(request: Pick<CompileRequest, 'environment' | 'codeDir'>): Promise<BackendChoice>;
  /**
   * Records a compile the built-in did elsewhere (a background compile
   * thread, for an environment `backendFor` gave the built-in) as auto's
   * own: counted as a builtin compile, `compiled` with its catalog or
   * `failed` without, and the catalog offered to the shadow check
   * (`verify`), read only if sampled.
   */
  recordBuiltin(request: CompileRequest, catalog?: () => PuppetCatalog): void;
}

/** Whether `compiler` is `--compiler auto`'s (it can say which backend a code version compiles with). */
export const isAutoCompiler = (compiler: CatalogCompiler): compiler is AutoCompiler => 'backendFor' in compiler && 'recordBuiltin' in compiler;

/**
 * `--compiler auto`: per environment and code version, the built-in
 * compiles code it fully understands and real Puppet the rest
 * (environment-analysis.ts decides, once per code version, never per
 * compile). A request's `codeDir` (a staged rollout's version) is decided
 * on its own, so the two versions of a rollout may compile with different
 * backends; both backends are given the `codeDir`. A builtin compile that fails with `compile_unsupported` (valid
 * code the built-in does not implement) moves its environment to Puppet for
 * that code version and is compiled again there, so the node gets Puppet's
 * catalog. When Puppet cannot run, environments that need it fail with why;
 * none gets a different catalog silently.
 */
export function createAutoCompiler(options: AutoCompilerOptions): AutoCompiler {
  const analysis = new EnvironmentAnalysis({ implementsModuleFunction: options.implementsModuleFunction ?? implementsModuleFunction });
  const decisions = new Map<string, Decided>();
  const compiles = { builtin: { compiled: 0, failed: 0 }, puppet: { compiled: 0, failed: 0 } };
  let puppetCheck: Promise<string | undefined> | undefined;
  let puppetState = 'unchecked';
  let puppetUsed = false;

  const analyse = (dir: string, codeId: string, files?: ReadonlySet<string>): Decided => {
    const base = options.basemodulepath ?? [];
    return { ...analysis.decide(dir, files ?? scanEnvironment(dir, base).files, base), codeId, decidedAt: new Date().toISOString() };
  };

  /** The environment's own code: decided again when its code version changes. */
  const decideOwn = (environment: string, codeId: string): Decided => {
    const cached = decisions.get(environment);
    if (cached?.codeId === codeId) return cached;
    const decision = analyse(resolve(options.environmentDir(environment)), codeId);
    decisions.set(environment, decision);
    return decision;
  };

  /** A `codeDir` version (an immutable copy, named for its code id): decided once, until `invalidate`. */
  const decideVersion = (key: string, codeDir: string): Decided => {
    const cached = decisions.get(key);
    if (cached) return cached;
    const dir = resolve(codeDir);
    const scan = scanEnvironment(dir, options.basemodulepath ?? []);
    const decision = analyse(dir, scan.id, scan.files);
    remember(key, decision);
    return decision;
  };

  /** Keeps a version's decision, dropping the oldest version's past the bound (environments' own are bounded by their names on disk). */
  const remember = (key: string, decision: Decided): void => {
    decisions.delete(key);
    decisions.set(key, decision);
    const versions = [...decisions.keys()].filter((k) => k.includes('@'));
    if (versions.length > MAX_VERSION_DECISIONS) decisions.delete(versions[0]!);
  };

  const puppetProblem = (): Promise<string | undefined> => {
    puppetCheck ??= options.puppetProblem().then((problem) => {
      puppetState = problem === undefined ? 'available' : `unavailable: ${problem}`;
      return problem;
    });
    return puppetCheck;
  };

  const counted = (backend: Backend, reason: string, r: CompileResult): CompileResult => {
    compiles[backend][r.ok ? 'compiled' : 'failed']++;
    return { ...r, choice: { backend, reason } };
  };

  const withPuppet = async (request: CompileRequest, reason: string): Promise<CompileResult> => {
    const problem = await puppetProblem();
    if (problem !== undefined) {
      return counted('puppet', reason, err({
        code: 'compiler_unavailable',
        message: `environment '${request.environment}' needs real Puppet (${reason}), which cannot run here: ${problem} (compiling node ${request.certname})`,
      }));
    }
    puppetUsed = true;
    return counted('puppet', reason, await options.puppet.compile(request));
  };

  const shadow = options.verify && options.verify.fraction > 0
    ? new ShadowCheck({ environmentDir: (environment) => resolve(options.environmentDir(environment)), ...options.verify }, async (request) => {
      const problem = await puppetProblem();
      if (problem !== undefined) return err({ code: 'compiler_unavailable', message: problem });
      puppetUsed = true;
      return options.puppet.compile(request);
    })
    : undefined;

  /**
   * The request's code version's decision; a missing environment or code
   * version is not decided (nor cached): the built-in answers it with
   * Puppet's own message.
   */
  const decide = async (request: Pick<CompileRequest, 'environment' | 'codeDir'>): Promise<Decided | BackendChoice> => {
    if (request.codeDir === undefined) {
      const codeId = await options.builtin.codeId(request.environment);
      return codeId === '' ? { backend: 'builtin', reason: 'no such environment' } : decideOwn(request.environment, codeId);
    }
    if (!existsSync(request.codeDir)) return { backend: 'builtin', reason: 'no such code version' };
    return decideVersion(decisionKey(request), request.codeDir);
  };

  return {
    name: 'auto',
    // Versions side by side need both backends to honour codeDir.
    codeVersions: options.builtin.codeVersions === true && options.puppet.codeVersions === true,
    async compile(request) {
      const decision = await decide(request);
      if (!('codeId' in decision)) return counted('builtin', decision.reason, await options.builtin.compile(request));
      if (decision.backend === 'puppet') return withPuppet(request, decision.reason);
      const r = await options.builtin.compile(request);
      if (!r.ok && r.error.code === 'compile_unsupported') {
        const reason = `the built-in does not implement what it uses: ${r.error.message}`;
        const moved = { backend: 'puppet' as const, reason, codeId: decision.codeId, decidedAt: new Date().toISOString() };
        const key = decisionKey(request);
        if (request.codeDir === undefined) decisions.set(key, moved); else remember(key, moved);
        return withPuppet(request, reason);
      }
      if (r.ok) shadow?.offer(request, r.value);
      return counted('builtin', decision.reason, r);
    },
    async backendFor(request) {
      const { backend, reason } = await decide(request);
      return { backend, reason };
    },
    recordBuiltin(request, catalog) {
      compiles.builtin[catalog ? 'compiled' : 'failed']++;
      if (catalog) shadow?.offer(request, catalog);
    },
    codeId: (environment) => options.builtin.codeId(environment),
    invalidate(environment) {
      if (environment === undefined) decisions.clear();
      else for (const k of [...decisions.keys()]) if (k === environment || k.startsWith(`${environment}@`)) decisions.delete(k);
      options.builtin.invalidate(environment);
      options.puppet.invalidate(environment);
      // A deployment may have brought Ruby or Puppet, too: check again when next needed.
      if (puppetState !== 'available') { puppetCheck = undefined; puppetState = 'unchecked'; }
    },
    stats(): AutoCompilerStats {
      const pool = puppetUsed ? options.puppet.stats?.() : undefined;
      return {
        environments: Object.fromEntries(decisions),
        compiles: { builtin: { ...compiles.builtin }, puppet: { ...compiles.puppet } },
        puppet: puppetState,
        ...(pool ? { pool } : {}),
        ...(shadow ? { verify: shadow.stats() } : {}),
      };
    },
    async close() {
      await shadow?.close();
      await options.builtin.close?.();
      await options.puppet.close?.();
    },
  };
}
