import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PuppetCatalog } from '../../core/catalog/puppet-catalog.types.js';
import type { ExportedResource } from '../../core/compiler/catalog-compiler.js';
import { parseJson, writeJson } from '../../core/json/json-float.js';

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../core/compiler/corpus');
/** Modules cases share (vendored once): a case names the ones it needs in `case.json`'s `modules`. */
export const CORPUS_MODULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../core/compiler/corpus-modules');
/** The Forge-module node set: `environments/<name>/` (role/profile control repos) and `nodes/<certname>/` (cases). */
export const FORGE_SITE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../core/compiler/forge-site');

/** One differential case: code, facts and what real Puppet 7 produced for them. */
export interface CorpusCase {
  readonly name: string;
  /** The environment's name (`case.json`'s `environment`, default `production`). */
  readonly environment: string;
  readonly envDir: string;
  readonly certname: string;
  /** Shared modules (under CORPUS_MODULES_DIR) on the case's basemodulepath. */
  readonly modules: readonly string[];
  readonly facts: Record<string, unknown>;
  readonly trusted?: Record<string, unknown>;
  readonly exported: readonly ExportedResource[];
  readonly expected: (PuppetCatalog & { error?: undefined }) | { error: string };
}

// As Troupe reads facts and catalogs: `2.0` stays a Float (core/json/json-float.ts).
const readJson = (p: string): unknown => parseJson(readFileSync(p, 'utf8'));

/** The cases under `root` (default: the differential corpus; the Forge node set is `FORGE_SITE_DIR/nodes`). */
export function loadCorpus(root: string = CORPUS_DIR): CorpusCase[] {
  return readdirSync(root).sort().filter((n) => existsSync(join(root, n, 'expected.json'))).map((name) => {
    const dir = join(root, name);
    const spec = readJson(join(dir, 'case.json')) as { certname: string; environment?: string; code?: string; modules?: string[] };
    const opt = (f: string): unknown => (existsSync(join(dir, f)) ? readJson(join(dir, f)) : undefined);
    const trusted = opt('trusted.json') as Record<string, unknown> | undefined;
    return {
      name,
      environment: spec.environment ?? 'production',
      envDir: resolve(dir, spec.code ?? 'production'),
      certname: spec.certname,
      modules: spec.modules ?? [],
      facts: readJson(join(dir, 'facts.json')) as Record<string, unknown>,
      ...(trusted ? { trusted } : {}),
      exported: (opt('exported.json') ?? []) as ExportedResource[],
      expected: readJson(join(dir, 'expected.json')) as CorpusCase['expected'],
    };
  });
}

/**
 * A basemodulepath directory holding the named shared modules (symbolic
 * links, as the reference script makes them), made once per module set and
 * removed when the process exits.
 */
export function sharedModulePath(modules: readonly string[]): string {
  const key = [...modules].sort().join(',');
  let dir = moduleSets.get(key);
  if (!dir) {
    const made = mkdtempSync(join(tmpdir(), 'troupe-corpus-modules-'));
    for (const m of modules) symlinkSync(join(CORPUS_MODULES_DIR, m), join(made, m));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    moduleSets.set(key, made);
    dir = made;
  }
  return dir;
}

const moduleSets = new Map<string, string>();

/** Makes file paths relative to the environment, and the shared modules' `$basemodulepath/...`, as the reference script does. */
export function relativise<T>(value: T, envDir: string, basemodulepath?: string): T {
  let text = writeJson(value).split(envDir + '/').join('');
  if (basemodulepath) text = text.split(basemodulepath + '/').join('$basemodulepath/');
  return parseJson(text) as T;
}

/** The corpus compares as the shadow check does: one comparison, in core. */
export { compareCatalogs, type CatalogComparison as Comparison } from '../../core/catalog/catalog-comparison.js';
