import { join } from 'node:path';
import { PuppetError } from '../puppet-error.js';
import { toRegExp } from '../types/ruby-regexp.js';
import { fromJson, isArray, isHash, toStr, type PHash, type Value } from '../types/values.js';

const optionPatterns = new Map<string, RegExp>();

/** A `lookup_options` key pattern, compiled once (bounded: patterns come from data files). */
function optionPattern(k: string): RegExp {
  let re = optionPatterns.get(k);
  if (!re) { re = toRegExp(k); if (optionPatterns.size < 10_000) optionPatterns.set(k, re); }
  return re;
}

/** Hiera 5's merge behaviours. */
export type MergeStrategy = 'first' | 'unique' | 'hash' | 'deep';

/** Per-compile memo of the data hashes each layer contributes (keyed by module, `''` for none). */
export type HieraMemo = Map<string, readonly PHash[]>;

/** Resolves `%{facts.os.family}`-style interpolation roots to values. */
export type HieraScope = (variable: string) => Value;

interface Level {
  readonly name: string;
  readonly paths: readonly string[];
  readonly datadir: string;
}

interface HieraConfig {
  readonly levels: readonly Level[];
}

/** The files Hiera reads: one code version's (`EnvironmentCode`), given so this file need not import it. */
export interface HieraFiles {
  /** The environment's directory. */
  readonly dir: string;
  /** A YAML file's data, cached for the code version; undefined when absent. */
  yaml(path: string): unknown;
  /** A module's directory, if the module path has it. */
  moduleRoot(mod: string): string | undefined;
}

/**
 * Hiera 5 with YAML data: the environment layer, then the module layer for
 * keys in a module's namespace. Lookups return whether a value was found,
 * since `undef` found in data is still found. One instance per code
 * version: configurations and converted data are cached with the code.
 */
export class Hiera {
  private readonly configs = new Map<string, HieraConfig | undefined>();
  private readonly data = new Map<string, Value>();

  constructor(private readonly code: HieraFiles) {}

  /** A data file as Puppet values (undefined when absent), converted once. */
  private file(path: string): Value {
    if (this.data.has(path)) return this.data.get(path);
    const v = fromJson(this.code.yaml(path));
    this.data.set(path, v);
    return v;
  }

  private config(dir: string): HieraConfig | undefined {
    if (this.configs.has(dir)) return this.configs.get(dir);
    const raw = this.code.yaml(join(dir, 'hiera.yaml')) as Record<string, unknown> | undefined;
    let cfg: HieraConfig | undefined;
    // Without a hiera.yaml, Puppet 7 has no data in that layer.
    if (raw === undefined) cfg = undefined;
    else {
      if (raw['version'] !== 5) throw new PuppetError(`${join(dir, 'hiera.yaml')}: only hiera version 5 is supported`, undefined, 'plain');
      const defaults = (raw['defaults'] ?? {}) as Record<string, unknown>;
      const hierarchy = (raw['hierarchy'] ?? [{ name: 'Common', path: 'common.yaml' }]) as Record<string, unknown>[];
      cfg = {
        levels: hierarchy.map((h) => ({
          name: String(h['name'] ?? ''),
          paths: (h['paths'] as string[] | undefined) ?? (h['path'] !== undefined ? [String(h['path'])] : []),
          datadir: join(dir, String(h['datadir'] ?? defaults['datadir'] ?? 'data')),
        })),
      };
    }
    this.configs.set(dir, cfg);
    return cfg;
  }

  /** Every data file that applies to this node, highest priority first. */
  private files(scope: HieraScope, key: string): string[] {
    const out: string[] = [];
    const add = (cfg: HieraConfig | undefined): void => {
      for (const l of cfg?.levels ?? []) for (const p of l.paths) out.push(`${l.datadir}/${this.interpolate(p, scope)}`);
    };
    add(this.config(this.code.dir));
    const root = key.includes('::') ? this.code.moduleRoot(key.slice(0, key.indexOf('::'))) : undefined;
    if (root) add(this.config(root));
    return out;
  }

  /**
   * The data hashes that apply to the node for a key, highest priority
   * first. Hierarchy paths are interpolated once per compile (`memo`), so
   * they may use facts, trusted data and top-scope variables.
   */
  private layers(key: string, scope: HieraScope, memo: HieraMemo): readonly PHash[] {
    const mod = key.includes('::') ? key.slice(0, key.indexOf('::')) : '';
    let hashes = memo.get(mod);
    if (!hashes) {
      hashes = this.files(scope, key).map((f) => this.file(f)).filter(isHash);
      memo.set(mod, hashes);
    }
    return hashes;
  }

  lookup(key: string, merge: MergeStrategy | undefined, scope: HieraScope, memo: HieraMemo = new Map()): { found: boolean; value: Value } {
    const [root = key, ...dig] = key.split('.');
    const layers = this.layers(root, scope, memo);
    const strategy = merge ?? this.mergeOption(root, layers) ?? 'first';
    const found: Value[] = [];
    for (const data of layers) {
      if (!data.has(root)) continue;
      let v: Value = this.resolve(data.get(root), scope, memo);
      for (const d of dig) v = isHash(v) ? v.get(d) : isArray(v) ? v[Number(d)] : undefined;
      found.push(v);
      if (strategy === 'first') break;
    }
    if (found.length === 0) return { found: false, value: undefined };
    return { found: true, value: mergeValues(strategy, found) };
  }

  /** The key's `merge` from `lookup_options`: an exact key first, then the first `^pattern` key matching it. */
  private mergeOption(key: string, layers: readonly PHash[]): MergeStrategy | undefined {
    const strategy = (forKey: Value): MergeStrategy | undefined => {
      const m = isHash(forKey) ? forKey.get('merge') : undefined;
      return m === undefined ? undefined : ((isHash(m) ? m.get('strategy') : m) as MergeStrategy);
    };
    for (const data of layers) {
      const opts = data.get('lookup_options');
      const m = isHash(opts) ? strategy(opts.get(key)) : undefined;
      if (m !== undefined) return m;
    }
    for (const data of layers) {
      const opts = data.get('lookup_options');
      if (!isHash(opts)) continue;
      for (const [k, forKey] of opts) {
        if (typeof k !== 'string' || !k.startsWith('^') || !optionPattern(k).test(key)) continue;
        const m = strategy(forKey);
        if (m !== undefined) return m;
      }
    }
    return undefined;
  }

  /** Interpolates strings in data; values without `%{` are returned as they are (no copies). */
  private resolve(v: Value, scope: HieraScope, memo: HieraMemo): Value {
    if (!needsInterpolation(v)) return v;
    if (typeof v === 'string') {
      const alias = /^%\{alias\(['"]([^'"]+)['"]\)\}$/.exec(v);
      if (alias) return this.lookup(alias[1]!, undefined, scope, memo).value;
      return this.interpolate(v, scope, memo);
    }
    if (isArray(v)) return v.map((x) => this.resolve(x, scope, memo));
    if (isHash(v)) return new Map([...v].map(([k, x]) => [k, this.resolve(x, scope, memo)]));
    return v;
  }

  /** Expands `%{facts.os.family}`, `%{::fqdn}`, `%{lookup('k')}` and `%{literal('%')}`. */
  interpolate(s: string, scope: HieraScope, memo: HieraMemo = new Map()): string {
    if (!s.includes('%{')) return s;
    return s.replace(/%\{([^}]*)\}/g, (_m, inner: string) => {
      const expr = inner.trim();
      const fn = /^(lookup|hiera|alias|literal|scope)\(['"]([^'"]*)['"]\)$/.exec(expr);
      if (fn) {
        if (fn[1] === 'literal') return fn[2]!;
        if (fn[1] === 'scope') return toStr(this.variable(fn[2]!, scope));
        return toStr(this.lookup(fn[2]!, undefined, scope, memo).value);
      }
      return toStr(this.variable(expr, scope));
    });
  }

  private variable(path: string, scope: HieraScope): Value {
    const [first, ...rest] = path.replace(/^::/, '').split('.');
    let v = scope(first!);
    for (const k of rest) v = isHash(v) ? v.get(k) : undefined;
    return v;
  }
}

const interpolated = new WeakMap<object, boolean>();

function needsInterpolation(v: Value): boolean {
  if (typeof v === 'string') return v.includes('%{');
  if (!isArray(v) && !isHash(v)) return false;
  let r = interpolated.get(v);
  if (r === undefined) {
    r = isArray(v) ? v.some(needsInterpolation) : [...v.values()].some(needsInterpolation);
    interpolated.set(v, r);
  }
  return r;
}

function mergeValues(strategy: MergeStrategy, values: readonly Value[]): Value {
  if (strategy === 'first') return values[0];
  if (strategy === 'unique') {
    const out: Value[] = [];
    for (const v of values) for (const x of isArray(v) ? v.flat() : [v]) if (!out.includes(x)) out.push(x);
    return out;
  }
  return [...values].reverse().reduce((acc, v) => (isHash(acc) && isHash(v) ? mergeHash(acc, v, strategy === 'deep') : v));
}

function mergeHash(low: ReadonlyMap<Value, Value>, high: ReadonlyMap<Value, Value>, deep: boolean): Value {
  const out = new Map(low);
  for (const [k, v] of high) {
    const cur = out.get(k);
    if (deep && isHash(cur) && isHash(v)) out.set(k, mergeHash(cur, v, true));
    else if (deep && isArray(cur) && isArray(v)) out.set(k, [...cur, ...v.filter((x) => !cur.includes(x))]);
    else out.set(k, v);
  }
  return out;
}
