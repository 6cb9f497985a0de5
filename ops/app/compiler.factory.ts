import { createBuiltinCompiler } from '../../core/compiler/builtin.compiler.js';
import type { CatalogCompiler } from '../../core/compiler/catalog-compiler.js';
import { StaticCompiler } from '../../core/compiler/static.compiler.js';
import type { TroupeConfig } from '../config/troupe.config.js';
import { createPuppetCompiler } from '../puppet/puppet.compiler.js';

/** The configured compiler backend. */
export function createCompiler(config: TroupeConfig): CatalogCompiler {
  switch (config.compiler) {
    case 'builtin': return createBuiltinCompiler({
      codeDir: config.codeDir,
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
    case 'puppet': return createPuppetCompiler({
      codeDir: config.codeDir,
      processes: compileSlots(config),
      maxCompilesPerProcess: config.puppetMaxCompilesPerProcess,
      maxRssMb: config.puppetMaxRssMb,
      timeoutMs: config.compileTimeoutMs,
    });
    case 'static': return new StaticCompiler({ dir: config.staticDir });
  }
}

/**
 * Compiles at once in one compiling process (the only one, or each actor
 * worker). With `puppet` it is the process's share of the Ruby pool, so
 * compiles wait in the priority-ordered compile pool, not for a process.
 */
export function compileSlots(config: TroupeConfig): number {
  return config.compiler === 'puppet' ? Math.ceil(config.puppetProcesses / Math.max(1, config.workers)) : config.compileConcurrency;
}
