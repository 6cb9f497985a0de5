import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../../core/catalog/catalog-hash.js';
import type { PuppetCatalog } from '../../core/catalog/puppet-catalog.types.js';
import type { ExportedResource } from '../../core/compiler/catalog-compiler.js';

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../core/compiler/corpus');
/** Modules cases share (vendored once): a case names the ones it needs in `case.json`'s `modules`. */
export const CORPUS_MODULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../core/compiler/corpus-modules');

/** One differential case: code, facts and what real Puppet 7 produced for them. */
export interface CorpusCase {
  readonly name: string;
  readonly envDir: string;
  readonly certname: string;
  /** Shared modules (under CORPUS_MODULES_DIR) on the case's basemodulepath. */
  readonly modules: readonly string[];
  readonly facts: Record<string, unknown>;
  readonly trusted?: Record<string, unknown>;
  readonly exported: readonly ExportedResource[];
  readonly expected: (PuppetCatalog & { error?: undefined }) | { error: string };
}

const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

export function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR).sort().filter((n) => existsSync(join(CORPUS_DIR, n, 'expected.json'))).map((name) => {
    const dir = join(CORPUS_DIR, name);
    const spec = readJson(join(dir, 'case.json')) as { certname: string; code?: string; modules?: string[] };
    const opt = (f: string): unknown => (existsSync(join(dir, f)) ? readJson(join(dir, f)) : undefined);
    const trusted = opt('trusted.json') as Record<string, unknown> | undefined;
    return {
      name,
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
  let text = JSON.stringify(value).split(envDir + '/').join('');
  if (basemodulepath) text = text.split(basemodulepath + '/').join('$basemodulepath/');
  return JSON.parse(text) as T;
}

export interface Comparison {
  readonly identical: boolean;
  readonly tagsIdentical: boolean;
  readonly differences: string[];
}

/** Compares resources (without tags), parameters, edges and classes; tags separately. */
export function compareCatalogs(expected: PuppetCatalog, actual: PuppetCatalog): Comparison {
  const differences: string[] = [];
  const byRef = (c: PuppetCatalog): Map<string, string> =>
    new Map(c.resources.map((r) => { const { tags: _t, ...rest } = r; return [`${r.type}[${r.title}]`, canonicalJson(rest)]; }));
  const e = byRef(expected);
  const a = byRef(actual);
  for (const [k, v] of e) {
    if (!a.has(k)) differences.push(`missing ${k}`);
    else if (a.get(k) !== v) differences.push(`differs ${k}: expected ${v} got ${a.get(k)}`);
  }
  for (const k of a.keys()) if (!e.has(k)) differences.push(`unexpected ${k}`);
  const edges = (c: PuppetCatalog): Set<string> => new Set(c.edges.map((x) => `${x.source} -> ${x.target}`));
  const ee = edges(expected);
  const ae = edges(actual);
  for (const x of ee) if (!ae.has(x)) differences.push(`missing edge ${x}`);
  for (const x of ae) if (!ee.has(x)) differences.push(`unexpected edge ${x}`);
  if (canonicalJson(expected.classes) !== canonicalJson(actual.classes)) {
    differences.push(`classes: expected ${JSON.stringify(expected.classes)} got ${JSON.stringify(actual.classes)}`);
  }
  const tags = (c: PuppetCatalog): string => canonicalJson([c.tags, c.resources.map((r) => [`${r.type}[${r.title}]`, r.tags])]);
  return { identical: differences.length === 0, tagsIdentical: tags(expected) === tags(actual), differences };
}
