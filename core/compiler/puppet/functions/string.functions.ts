import { toRegExp } from '../evaluator.js';
import { PuppetError } from '../puppet-error.js';
import { isArray, isHash, isNumeric, numberOf, toStr, typeNameOf, type Value } from '../values.js';
import { argError, arity, str } from './argument-checks.js';
import { sprintf } from './ruby-format.js';
import type { PuppetFunction } from './puppet-function.types.js';

/** Applies a string transformation to a string, or to each string of an array/hash. */
function mapStrings(fn: string, f: (s: string) => string): PuppetFunction {
  const apply = (v: Value): Value => {
    if (typeof v === 'string') return f(v);
    if (isArray(v)) return v.map(apply);
    if (isHash(v)) return new Map([...v].map(([k, x]) => [apply(k), apply(x)]));
    // Puppet passes numbers through unchanged.
    if (isNumeric(v)) return v;
    throw new PuppetError(`'${fn}' parameter 'arg' expects a value of type Numeric, String, Array, or Hash, got ${typeNameOf(v)}`, undefined);
  };
  return (_c, args) => { arity(fn, args, 1); return apply(args[0]); };
}

/** Ruby's `String#split`: trailing empty fields are dropped. */
function rubySplit(s: string, re: RegExp): string[] {
  if (s === '') return [];
  const parts = s.split(new RegExp(re.source, re.flags.replace('g', '')));
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Ruby replacement strings: `\0`…`\9` and `\\`. */
function rubyReplace(replacement: string): (m: string, ...groups: unknown[]) => string {
  return (m, ...groups) => replacement.replace(/\\(\d|\\)/g, (_x, g: string) => (g === '\\' ? '\\' : g === '0' ? m : String(groups[Number(g) - 1] ?? '')));
}

/** Puppet's `versioncmp` (`Puppet::Util::Package.versioncmp`). */
export function versioncmp(a: string, b: string): number {
  const re = /[-.]|\d+|[^-.\d]+/g;
  const ax = a.match(re) ?? [];
  const bx = b.match(re) ?? [];
  const cmp = (x: string | number, y: string | number): number => (x < y ? -1 : x > y ? 1 : 0);
  while (ax.length && bx.length) {
    const x = ax.shift()!;
    const y = bx.shift()!;
    if (x === y) continue;
    if (x === '-') return -1;
    if (y === '-') return 1;
    if (x === '.') return -1;
    if (y === '.') return 1;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) {
      if (/^0/.test(x) || /^0/.test(y)) return cmp(x.toUpperCase(), y.toUpperCase());
      return cmp(Number(x), Number(y));
    }
    return cmp(x.toUpperCase(), y.toUpperCase());
  }
  return cmp(a, b);
}

/** Puppet's `shellquote`: safe words bare, else double quotes, single quotes, or escaped double quotes. */
function shellquote(words: readonly Value[]): string {
  return words.flat(Infinity as 1).map((w) => {
    const s = toStr(w as Value);
    if (s !== '' && /^[a-zA-Z0-9@%_+=:,./-]+$/.test(s)) return s;
    if (!/[!"`$\\]/.test(s)) return `"${s}"`;
    if (!s.includes("'")) return `'${s}'`;
    return `"${s.replace(/[!"`$\\]/g, (c) => `\\${c}`)}"`;
  }).join(' ');
}

/** String functions. */
export const STRING_FUNCTIONS: Record<string, PuppetFunction> = {
  upcase: mapStrings('upcase', (s) => s.toUpperCase()),
  downcase: mapStrings('downcase', (s) => s.toLowerCase()),
  capitalize: mapStrings('capitalize', (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()),
  strip: mapStrings('strip', (s) => s.trim()),
  lstrip: mapStrings('lstrip', (s) => s.trimStart()),
  rstrip: mapStrings('rstrip', (s) => s.trimEnd()),
  chomp: mapStrings('chomp', (s) => s.replace(/\r?\n$/, '')),
  split: (_c, args) => {
    arity('split', args, 2);
    const s = str('split', args, 0, 'str');
    const p = args[1];
    if (!(p instanceof RegExp) && typeof p !== 'string') throw argError('split', 'pattern', 'a String or Regexp', p);
    return rubySplit(s, p instanceof RegExp ? p : toRegExp(p));
  },
  join: (c, args, _scope, loc) => {
    arity('join', args, 1, 2);
    const a = args[0];
    if (!isArray(a)) throw argError('join', 'arg', 'an Array', a);
    return c.budget.join(c.budget.flat(a, loc).map(toStr), args[1] === undefined ? '' : toStr(args[1]), loc);
  },
  sprintf: (c, args, _scope, loc) => sprintf(str('sprintf', args, 0, 'format'), args.slice(1), (width) => c.budget.string(width, loc)),
  regsubst: (c, args, _scope, loc) => {
    arity('regsubst', args, 3, 5);
    const [target, pattern, replacement, flags] = args;
    const f = typeof flags === 'string' ? flags : '';
    const re = pattern instanceof RegExp ? pattern : toRegExp(String(pattern));
    const jsFlags = (f.includes('G') ? 'g' : '') + (f.includes('I') || re.flags.includes('i') ? 'i' : '') + (f.includes('M') ? 's' : '');
    const r = new RegExp(re.source, jsFlags);
    const replace = rubyReplace(toStr(replacement));
    const sub = (s: Value): Value => {
      if (typeof s !== 'string') throw argError('regsubst', 'target', 'a String or Array', s);
      // Every match may grow the result: counted as it goes, before the result is allocated.
      let grown = s.length;
      return s.replace(r, (m: string, ...groups: unknown[]) => {
        const out = replace(m, ...groups);
        grown += out.length;
        c.budget.string(grown, loc);
        return out;
      });
    };
    return isArray(target) ? target.map(sub) : sub(target);
  },
  versioncmp: (_c, args) => { arity('versioncmp', args, 2, 3); return versioncmp(str('versioncmp', args, 0, 'a'), str('versioncmp', args, 1, 'b')); },
  size: (_c, args) => sizeOf('size', args),
  length: (_c, args) => sizeOf('length', args),
  empty: (_c, args) => {
    arity('empty', args, 1);
    const v = args[0];
    if (v === undefined) return true;
    if (typeof v === 'string' || isArray(v)) return v.length === 0;
    if (isHash(v)) return v.size === 0;
    if (isNumeric(v)) return false;
    throw argError('empty', 'coll', 'a Collection, String, Numeric, or Undef', v);
  },
  chop: (_c, args) => { const s = str('chop', args, 0); return s.endsWith('\r\n') ? s.slice(0, -2) : s.slice(0, -1); },
  camelcase: (_c, args) => str('camelcase', args, 0).split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
  shellquote: (_c, args) => shellquote(args),
  match: (_c, args) => {
    const [s, p] = args;
    const re = p instanceof RegExp ? p : new RegExp(toStr(p));
    const one = (x: Value): Value => { const m = re.exec(toStr(x)); return m ? [...m] : undefined; };
    return isArray(s) ? s.map(one) : one(s);
  },
  compare: (_c, args) => {
    const [a, b] = args;
    if (typeof a === 'string' && typeof b === 'string') {
      const [x, y] = args[2] === false ? [a, b] : [a.toLowerCase(), b.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (isNumeric(a) && isNumeric(b)) return Math.sign(numberOf(a)! - numberOf(b)!);
    throw new PuppetError(`compare(): Non comparable type. Only values of the types Numeric, String, Semver, Timespan and Timestamp can be compared. Got ${typeNameOf(a)} and ${typeNameOf(b)}`, undefined);
  },
};

function sizeOf(fn: string, args: Value[]): number {
  arity(fn, args, 1);
  const v = args[0];
  if (typeof v === 'string') return [...v].length;
  if (isArray(v)) return v.length;
  if (isHash(v)) return v.size;
  throw new PuppetError(`'${fn}' expects a value of type Collection or String, got ${typeNameOf(v)}`, undefined);
}
