import { randomUUID } from 'node:crypto';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';

/** A node to compile: its certname and facts. */
export type BenchNode = { readonly certname: string; readonly facts: Record<string, unknown> };

/** One pass: wall and CPU milliseconds per compile. */
export interface PassTiming {
  readonly msPerCompile: number;
  readonly cpuMsPerCompile: number;
}

/**
 * One warm built-in compiler and a pass over `nodes` with it, one compile
 * after another. A pass keeps no catalog unless `keep` is given (a server
 * drops a catalog once it is stored, and a thousand live catalogs would
 * make the garbage collector's work part of the figure).
 */
export function builtinPasses(codeDir: string, nodes: readonly BenchNode[]): (keep?: (c: PuppetCatalog) => void) => Promise<PassTiming> {
  const compiler = createBuiltinCompiler({ codeDir });
  return async (keep) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const n of nodes) {
      const r = await compiler.compile({ ...n, environment: 'production', exported: NO_EXPORTED_RESOURCES, catalogUuid: randomUUID() });
      if (!r.ok) throw new Error(r.error.message);
      keep?.(r.value);
    }
    const used = process.cpuUsage(cpu);
    return { msPerCompile: (performance.now() - started) / nodes.length, cpuMsPerCompile: (used.user + used.system) / 1000 / nodes.length };
  };
}

/**
 * The built-in compiler's steady state, as a long-running server sees it:
 * `warmPasses` untimed passes over `nodes` (code parsed and cached, JIT
 * warm), then a timed pass whose catalogs are returned for whatever the
 * caller wants to know about them.
 */
export async function timeBuiltinCompiles(
  codeDir: string,
  nodes: readonly BenchNode[],
  warmPasses = 1,
): Promise<{ msPerCompile: number; catalogs: PuppetCatalog[] }> {
  const pass = builtinPasses(codeDir, nodes);
  for (let i = 0; i < warmPasses; i++) await pass();
  const catalogs: PuppetCatalog[] = [];
  const { msPerCompile } = await pass((c) => catalogs.push(c));
  return { msPerCompile, catalogs };
}
