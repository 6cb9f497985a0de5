import { join } from 'node:path';
import { createAutoCompiler } from '../../core/compiler/auto/auto.compiler.js';
import { createBuiltinCompiler } from '../../core/compiler/builtin.compiler.js';
import type { CatalogCompiler } from '../../core/compiler/catalog-compiler.js';
import { StaticCompiler } from '../../core/compiler/static.compiler.js';
import type { CompileDriftData } from '../../core/events/event.types.js';
import type { TroupeConfig } from '../config/troupe.config.js';
import { PIPELINE_DEPTH } from '../puppet/puppet-pool.js';
import { checkPuppetAsync, createPuppetCompiler } from '../puppet/puppet.compiler.js';

export interface CompilerDeps {
  /** Where `--verify-sample` records a difference (`compile_drift` on the node's stream). */
  readonly recordDrift: (certname: string, drift: CompileDriftData) => Promise<void>;
}

/** The configured compiler backend. */
export function createCompiler(config: TroupeConfig, deps: CompilerDeps): CatalogCompiler {
  switch (config.compiler) {
    case 'builtin': return builtinCompiler(config);
    case 'puppet': return puppetCompiler(config);
    case 'static': return new StaticCompiler({ dir: config.staticDir });
    case 'auto': return createAutoCompiler({
      builtin: builtinCompiler(config),
      puppet: puppetCompiler(config),
      environmentDir: (environment) => (config.environmentsDir === '' ? config.codeDir : join(config.environmentsDir, environment)),
      puppetProblem: () => checkPuppetAsync(),
      verify: { fraction: config.verifySample, maxQueued: config.verifyMaxQueued, onDrift: deps.recordDrift },
    });
  }
}

/** Where the code is: `environmentsDir` when set, else `codeDir` for every environment name. */
const codeLocation = (config: TroupeConfig): { codeDir: string } | { environmentsDir: string } =>
  config.environmentsDir === '' ? { codeDir: config.codeDir } : { environmentsDir: config.environmentsDir };

function builtinCompiler(config: TroupeConfig): CatalogCompiler {
  return createBuiltinCompiler({
    ...codeLocation(config),
    limits: {
      timeoutMs: config.compileTimeoutMs,
      maxSteps: config.compileMaxSteps,
      maxStringLength: config.compileMaxStringLength,
      maxCollectionSize: config.compileMaxCollectionSize,
      maxResources: config.compileMaxResources,
      maxCallDepth: config.compileMaxCallDepth,
      maxNestingDepth: config.compileMaxNestingDepth,
    },
  });
}

function puppetCompiler(config: TroupeConfig): CatalogCompiler {
  return createPuppetCompiler({
    ...codeLocation(config),
    processes: puppetShare(config),
    maxCompilesPerProcess: config.puppetMaxCompilesPerProcess,
    maxRssMb: config.puppetMaxRssMb,
    timeoutMs: config.compileTimeoutMs,
  });
}

/** This process's share of the Ruby processes (each actor worker gets one, rounded up). */
const puppetShare = (config: TroupeConfig): number => Math.ceil(config.puppetProcesses / Math.max(1, config.workers));

/**
 * Compiles at once in one compiling process (the only one, or each actor
 * worker). With `puppet` it is what the process's share of the Ruby pool
 * takes at once (each Ruby process compiles one and has the next sent
 * ahead, `PIPELINE_DEPTH`), so compiles wait in the priority-ordered
 * compile pool, not for a process.
 * With `auto` it is `compileConcurrency`: the builtin's compiles run at
 * once, Puppet's wait for one of the process's share of Ruby processes.
 */
export function compileSlots(config: TroupeConfig): number {
  return config.compiler === 'puppet' ? puppetShare(config) * PIPELINE_DEPTH : config.compileConcurrency;
}

/**
 * Whether each actor worker runs its background compiles (a deployment's,
 * a dependency's) on a niced thread of their own
 * (compile/background-compile-thread.ts): with the builtin or `auto`
 * compiler (the thread has the built-in; with `auto` it takes what auto
 * compiles with the built-in, actors/compile/auto-lane-routing.ts), actor
 * workers and `backgroundCompileNice` above 0.
 */
export function backgroundCompileThreads(config: Pick<TroupeConfig, 'compiler' | 'workers' | 'backgroundCompileNice'>): boolean {
  return (config.compiler === 'builtin' || config.compiler === 'auto') && config.workers > 0 && config.backgroundCompileNice > 0;
}

/** Recompiles a deployment keeps in flight per compile slot when background compiles have threads of their own. */
export const DEPLOY_WINDOW_PER_SLOT_WITH_THREADS = 4;

/**
 * The deploy window `deployWindow` 0 stands for: every compile slot of all
 * workers; with background compile threads, {@link DEPLOY_WINDOW_PER_SLOT_WITH_THREADS}
 * per slot, so each worker's niced lane always has its next recompiles
 * waiting instead of idling for the feeder's round trip (request appended,
 * delivered, outcome appended, next request). They wait in the lane's pool,
 * never in front of an agent's compile.
 */
export function deployWindow(config: TroupeConfig): number {
  if (config.deployWindow > 0) return config.deployWindow;
  const slots = compileSlots(config) * Math.max(1, config.workers);
  return backgroundCompileThreads(config) ? slots * DEPLOY_WINDOW_PER_SLOT_WITH_THREADS : slots;
}
