import { createBuiltinCompiler } from '../../core/compiler/builtin.compiler.js';
import type { CatalogCompiler } from '../../core/compiler/catalog-compiler.js';
import { StaticCompiler } from '../../core/compiler/static.compiler.js';
import type { TroupeConfig } from '../config/troupe.config.js';

/** The configured compiler backend. */
export function createCompiler(config: TroupeConfig): CatalogCompiler {
  return config.compiler === 'builtin'
    ? createBuiltinCompiler({
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
    })
    : new StaticCompiler({ dir: config.staticDir });
}
