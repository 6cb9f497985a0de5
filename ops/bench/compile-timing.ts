import { randomUUID } from 'node:crypto';
import type { PuppetCatalog } from '../../core/catalog/puppet-catalog.types.js';
import { createBuiltinCompiler } from '../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../core/compiler/catalog-compiler.js';

/**
 * The built-in compiler's steady state, as a long-running server sees it:
 * `warmPasses` untimed passes over `nodes` (code parsed and cached, JIT
 * warm), then a timed pass. Only the compiles are timed; the catalogs are
 * returned for whatever the caller wants to know about them.
 */
export async function timeBuiltinCompiles(
  codeDir: string,
  nodes: ReadonlyArray<{ readonly certname: string; readonly facts: Record<string, unknown> }>,
  warmPasses = 1,
): Promise<{ msPerCompile: number; catalogs: PuppetCatalog[] }> {
  const compiler = createBuiltinCompiler({ codeDir });
  const pass = async (): Promise<PuppetCatalog[]> => {
    const catalogs: PuppetCatalog[] = [];
    for (const n of nodes) {
      const r = await compiler.compile({ ...n, environment: 'production', exported: NO_EXPORTED_RESOURCES, catalogUuid: randomUUID() });
      if (!r.ok) throw new Error(r.error.message);
      catalogs.push(r.value);
    }
    return catalogs;
  };
  for (let i = 0; i < warmPasses; i++) await pass();
  const started = performance.now();
  const catalogs = await pass();
  return { msPerCompile: (performance.now() - started) / nodes.length, catalogs };
}
