import type { CatalogCompiler } from '../../core/compiler/catalog-compiler.js';
import { StaticCompiler } from '../../core/compiler/static.compiler.js';
import type { TroupeConfig } from '../config/troupe.config.js';

/** The configured compiler backend. */
export function createCompiler(config: TroupeConfig): CatalogCompiler {
  return new StaticCompiler({ dir: config.staticDir });
}
