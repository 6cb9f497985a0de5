import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PuppetCatalog } from '../../core/catalog/puppet-catalog.types.js';
import type { ExportedResource } from '../../core/compiler/catalog-compiler.js';

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../core/compiler/corpus');

/** One differential case: code, facts and what real Puppet 7 produced for them. */
export interface CorpusCase {
  readonly name: string;
  readonly envDir: string;
  readonly certname: string;
  readonly facts: Record<string, unknown>;
  readonly trusted?: Record<string, unknown>;
  readonly exported: readonly ExportedResource[];
  readonly expected: (PuppetCatalog & { error?: undefined }) | { error: string };
}

const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

export function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR).sort().filter((n) => existsSync(join(CORPUS_DIR, n, 'expected.json'))).map((name) => {
    const dir = join(CORPUS_DIR, name);
    const spec = readJson(join(dir, 'case.json')) as { certname: string; code?: string };
    const opt = (f: string): unknown => (existsSync(join(dir, f)) ? readJson(join(dir, f)) : undefined);
    const trusted = opt('trusted.json') as Record<string, unknown> | undefined;
    return {
      name,
      envDir: resolve(dir, spec.code ?? 'production'),
      certname: spec.certname,
      facts: readJson(join(dir, 'facts.json')) as Record<string, unknown>,
      ...(trusted ? { trusted } : {}),
      exported: (opt('exported.json') ?? []) as ExportedResource[],
      expected: readJson(join(dir, 'expected.json')) as CorpusCase['expected'],
    };
  });
}

/** Makes file paths relative to the environment, as the reference script does. */
export function relativise<T>(value: T, envDir: string): T {
  return JSON.parse(JSON.stringify(value).split(envDir + '/').join('')) as T;
}

/** The corpus compares as the shadow check does: one comparison, in core. */
export { compareCatalogs, type CatalogComparison as Comparison } from '../../core/catalog/catalog-comparison.js';
