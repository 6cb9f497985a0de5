import { join } from 'node:path';
import type { EnvironmentCode } from './environment-code.js';
import { PuppetError } from './puppet-error.js';
import { fromJson, isArray, isHash, toStr, type Value } from './values.js';

export type MergeStrategy = 'first' | 'unique' | 'hash' | 'deep';

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

/** Puppet's default environment hierarchy when `hiera.yaml` is absent. */
const DEFAULT_LEVELS = (dir: string): Level[] => [{ name: 'Common', paths: ['common.yaml'], datadir: join(dir, 'data') }];

/**
 * Hiera 5 with YAML data: the environment layer, then the module layer for
 * keys in a module's namespace. Lookups return whether a value was found,
 * since `undef` found in data is still found.
 */
export class Hiera {
  private readonly configs = new Map<string, HieraConfig | undefined>();

  constructor(private readonly code: EnvironmentCode) {}

  private config(dir: string, fallback: boolean): HieraConfig | undefined {
    if (this.configs.has(dir)) return this.configs.get(dir);
    const raw = this.code.yaml(join(dir, 'hiera.yaml')) as Record<string, unknown> | undefined;
    let cfg: HieraConfig | undefined;
    if (raw === undefined) cfg = fallback ? { levels: DEFAULT_LEVELS(dir) } : undefined;
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
    add(this.config(this.code.dir, true));
    if (key.includes('::')) add(this.config(join(this.code.dir, 'modules', key.split('::')[0]!), false));
    return out;
  }

  lookup(key: string, merge: MergeStrategy | undefined, scope: HieraScope): { found: boolean; value: Value } {
    const [root, ...dig] = key.split('.');
    const files = this.files(scope, root!);
    const strategy = merge ?? this.mergeOption(root!, files) ?? 'first';
    const found: Value[] = [];
    for (const f of files) {
      const data = this.code.yaml(f);
      if (data === null || typeof data !== 'object' || !(root! in (data as object))) continue;
      let v: Value = this.resolve(fromJson((data as Record<string, unknown>)[root!]), scope);
      for (const d of dig) v = isHash(v) ? v.get(d) : isArray(v) ? v[Number(d)] : undefined;
      found.push(v);
      if (strategy === 'first') break;
    }
    if (found.length === 0) return { found: false, value: undefined };
    return { found: true, value: mergeValues(strategy, found) };
  }

  private mergeOption(key: string, files: readonly string[]): MergeStrategy | undefined {
    for (const f of files) {
      const opts = (this.code.yaml(f) as Record<string, unknown> | undefined)?.['lookup_options'] as Record<string, { merge?: unknown }> | undefined;
      const m = opts?.[key]?.merge;
      if (m !== undefined) return (typeof m === 'string' ? m : (m as { strategy: string }).strategy) as MergeStrategy;
    }
    return undefined;
  }

  private resolve(v: Value, scope: HieraScope): Value {
    if (typeof v === 'string') {
      const alias = /^%\{alias\(['"]([^'"]+)['"]\)\}$/.exec(v);
      if (alias) return this.lookup(alias[1]!, undefined, scope).value;
      return this.interpolate(v, scope);
    }
    if (isArray(v)) return v.map((x) => this.resolve(x, scope));
    if (isHash(v)) return new Map([...v].map(([k, x]) => [k, this.resolve(x, scope)]));
    return v;
  }

  /** Expands `%{facts.os.family}`, `%{::fqdn}`, `%{lookup('k')}` and `%{literal('%')}`. */
  interpolate(s: string, scope: HieraScope): string {
    return s.replace(/%\{([^}]*)\}/g, (_m, inner: string) => {
      const expr = inner.trim();
      const fn = /^(lookup|hiera|alias|literal|scope)\(['"]([^'"]*)['"]\)$/.exec(expr);
      if (fn) {
        if (fn[1] === 'literal') return fn[2]!;
        if (fn[1] === 'scope') return toStr(this.variable(fn[2]!, scope));
        return toStr(this.lookup(fn[2]!, undefined, scope).value);
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
    else if (deep && isArray(cur) && isArray(v)) out.set(k, [...v, ...cur.filter((x) => !v.includes(x))]);
    else out.set(k, v);
  }
  return out;
}
