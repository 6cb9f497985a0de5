import { resolve } from 'node:path';
import { err } from '../../result.js';
import type { CatalogCompiler, CompileRequest, CompileResult } from '../catalog-compiler.js';
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
  /** @defaultValue `implementsModuleFunction` of the built-in's native module functions (module-function-registry.ts) */
  readonly implementsModuleFunction?: (module: string, name: string) => boolean;
}

/** One environment's decision for one code version. */
interface Decided extends BackendDecision {
  readonly codeId: string;
  readonly decidedAt: string;
}

/** What `/status` shows of `--compiler auto`. */
export type AutoCompilerStats = {
  /** Per environment: the backend its current code version compiles with, and why. */
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
}

/**
 * `--compiler auto`: per environment and code version, the built-in
 * compiles code it fully understands and real Puppet the rest
 * (environment-analysis.ts decides, once per code version, never per
 * compile). A builtin compile that fails with `compile_unsupported` (valid
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

  const decide = (environment: string, codeId: string): Decided => {
    const cached = decisions.get(environment);
    if (cached?.codeId === codeId) return cached;
    const dir = resolve(options.environmentDir(environment));
    const decision = { ...analysis.decide(dir, scanEnvironment(dir).files), codeId, decidedAt: new Date().toISOString() };
    decisions.set(environment, decision);
    return decision;
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

  return {
    name: 'auto',
    async compile(request) {
      const codeId = await options.builtin.codeId(request.environment);
      // No such environment: the built-in answers with Puppet's own message.
      if (codeId === '') return counted('builtin', 'no such environment', await options.builtin.compile(request));
      const decision = decide(request.environment, codeId);
      if (decision.backend === 'puppet') return withPuppet(request, decision.reason);
      const r = await options.builtin.compile(request);
      if (!r.ok && r.error.code === 'compile_unsupported') {
        const reason = `the built-in does not implement what it uses: ${r.error.message}`;
        decisions.set(request.environment, { backend: 'puppet', reason, codeId, decidedAt: new Date().toISOString() });
        return withPuppet(request, reason);
      }
      if (r.ok) shadow?.offer(request, r.value);
      return counted('builtin', decision.reason, r);
    },
    codeId: (environment) => options.builtin.codeId(environment),
    invalidate(environment) {
      if (environment === undefined) decisions.clear(); else decisions.delete(environment);
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
