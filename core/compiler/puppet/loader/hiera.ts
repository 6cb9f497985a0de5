import { join } from 'node:path';
import { PuppetError } from '../puppet-error.js';
import { toRegExp } from '../types/ruby-regexp.js';
import { fromJson, isArray, isHash, markShared, toStr, type PHash, type Value } from '../types/values.js';

const optionPatterns = new Map<string, RegExp>();

/** A `lookup_options` key pattern, compiled once (bounded: patterns come from data files). */
function optionPattern(k: string): RegExp {
  let re = optionPatterns.get(k);
  if (!re) { re = toRegExp(k); if (optionPatterns.size < 10_000) optionPatterns.set(k, re); }
  return re;
}

/** Hiera 5's merge behaviours. */
export type MergeStrategy = 'first' | 'unique' | 'hash' | 'deep';

/** Per-compile memo of the data hashes that apply to keys of each module (`''` for none). */
export type HieraMemo = Map<string, readonly PHash[]>;

/** The memo's key for the environment layer alone (no module is named so). */
const ENVIRONMENT_LAYER = '\0environment';

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

  /**
   * A data file as Puppet values (undefined when absent), converted once.
   * Absent files are not remembered: their paths name nodes (`nodes/<certname>.yaml`),
   * and the code's file list answers for them without a system call.
   */
  private file(path: string): Value {
    const hit = this.data.get(path);
    if (hit !== undefined) return hit;
    const raw = this.code.yaml(path);
    if (raw === undefined) return undefined;
    const v = fromJson(raw);
    // Shared by every compile of the code version: no template may change it in place.
    markShared(v);
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

  /** The data hashes of one hiera.yaml's hierarchy that exist for this node, highest priority first. */
  private layerData(cfg: HieraConfig | undefined, scope: HieraScope): PHash[] {
    const out: PHash[] = [];
    for (const l of cfg?.levels ?? []) {
      for (const p of l.paths) {
        const data = this.file(`${l.datadir}/${this.interpolate(p, scope)}`);
        if (isHash(data)) out.push(data);
      }
    }
    return out;
  }

  /**
   * The data hashes that apply to the node for a key, highest priority
   * first: the environment's, then the key's module's. Hierarchy paths are
   * interpolated once per compile (`memo`, the environment layer under
   * `ENVIRONMENT_LAYER`), so they may use facts, trusted data and top-scope
   * variables.
   */
  private layers(key: string, scope: HieraScope, memo: HieraMemo): readonly PHash[] {
    const sep = key.indexOf('::');
    const mod = sep < 0 ? '' : key.slice(0, sep);
    let hashes = memo.get(mod);
    if (hashes) return hashes;
    let env = memo.get(ENVIRONMENT_LAYER);
    if (!env) memo.set(ENVIRONMENT_LAYER, env = this.layerData(this.config(this.code.dir), scope));
    const root = mod ? this.code.moduleRoot(mod) : undefined;
    hashes = root ? [...env, ...this.layerData(this.config(root), scope)] : env;
    memo.set(mod, hashes);
    return hashes;
  }

  lookup(key: string, merge: MergeStrategy | undefined, scope: HieraScope, memo: HieraMemo = new Map()): { found: boolean; value: Value } {
    const [root = key, ...dig] = key.includes('.') ? key.split('.') : [key];
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
    for (const data of layers) {
      const m = lookupOptions(data)?.exact.get(key);
      if (m !== undefined) return m;
    }
    for (const data of layers) {
      for (const [k, m] of lookupOptions(data)?.patterns ?? []) if (optionPattern(k).test(key)) return m;
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
    const t = template(s);
    let out = t.text[0]!;
    for (let i = 0; i < t.parts.length; i++) {
      const x = t.parts[i]!;
      const v = x.fn === 'literal' ? x.arg
        : toStr(x.fn === undefined || x.fn === 'scope' ? this.variable(x.path, scope) : this.lookup(x.arg, undefined, scope, memo).value);
      out += v + t.text[i + 1]!;
    }
    return out;
  }

  private variable(path: readonly string[], scope: HieraScope): Value {
    let v = scope(path[0]!);
    for (let i = 1; i < path.length; i++) v = isHash(v) ? v.get(path[i]) : undefined;
    return v;
  }
}

/** One `%{…}` of a hiera string: a variable (`path`), or a function (`fn`) with its argument. */
interface Interpolation {
  readonly fn: 'lookup' | 'hiera' | 'alias' | 'literal' | 'scope' | undefined;
  readonly arg: string;
  /** `arg` as a variable path: `::os.family` → `['os', 'family']`. */
  readonly path: readonly string[];
}

/** A hiera string split at its `%{…}`s: `text` has one more element than `parts`, around them. */
interface Template {
  readonly text: readonly string[];
  readonly parts: readonly Interpolation[];
}

const templates = new Map<string, Template>();

/** A string's template, parsed once (bounded: the strings come from hiera.yaml and data files). */
function template(s: string): Template {
  let t = templates.get(s);
  if (t === undefined) {
    const text: string[] = [];
    const parts: Interpolation[] = [];
    let last = 0;
    for (const m of s.matchAll(/%\{([^}]*)\}/g)) {
      text.push(s.slice(last, m.index));
      const expr = m[1]!.trim();
      const fn = /^(lookup|hiera|alias|literal|scope)\(['"]([^'"]*)['"]\)$/.exec(expr);
      const arg = fn ? fn[2]! : expr;
      parts.push({ fn: fn?.[1] as Interpolation['fn'], arg, path: arg.replace(/^::/, '').split('.') });
      last = m.index + m[0].length;
    }
    text.push(s.slice(last));
    t = { text, parts };
    if (templates.size < 10_000) templates.set(s, t);
  }
  return t;
}

/** A data hash's `lookup_options` merges, by exact key and by `^pattern` in order. */
interface LookupOptions {
  readonly exact: ReadonlyMap<string, MergeStrategy>;
  readonly patterns: readonly (readonly [string, MergeStrategy])[];
}

/** Read once per data hash (they live as long as their code version); null when it has none. */
const lookupOptionsOf = new WeakMap<PHash, LookupOptions | null>();

function lookupOptions(data: PHash): LookupOptions | null {
  let o = lookupOptionsOf.get(data);
  if (o === undefined) {
    const opts = data.get('lookup_options');
    o = null;
    if (isHash(opts)) {
      const exact = new Map<string, MergeStrategy>();
      const patterns: [string, MergeStrategy][] = [];
      for (const [k, forKey] of opts) {
        const m = mergeOf(forKey);
        if (typeof k !== 'string' || m === undefined) continue;
        exact.set(k, m);
        if (k.startsWith('^')) patterns.push([k, m]);
      }
      o = { exact, patterns };
    }
    lookupOptionsOf.set(data, o);
  }
  return o;
}

/** A key's options' `merge`: a strategy name, or a hash with its `strategy`. */
function mergeOf(forKey: Value): MergeStrategy | undefined {
  const m = isHash(forKey) ? forKey.get('merge') : undefined;
  return m === undefined ? undefined : ((isHash(m) ? m.get('strategy') : m) as MergeStrategy);
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
