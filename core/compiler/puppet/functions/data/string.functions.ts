import { PuppetError } from '../../puppet-error.js';
import { toRegExp } from '../../types/ruby-regexp.js';
import { isArray, isHash, isNumeric, numberOf, PType, rubyInspect, toStr, typeNameOf, type Value } from '../../types/values.js';
import { argError, argTypeName, arity, str } from '../argument-checks.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { sprintf } from './ruby-format.js';

/** `upcase`/`downcase`: a String, or every String of nested Arrays and Hashes (keys too); Numerics pass through. */
function mapStrings(fn: string, f: (s: string) => string): PuppetFunction {
  const apply = (v: Value): Value => {
    if (typeof v === 'string') return f(v);
    if (isArray(v)) return v.map(apply);
    if (isHash(v)) return new Map([...v].map(([k, x]) => [apply(k), apply(x)]));
    if (isNumeric(v)) return v;
    throw argError(fn, 'arg', 'a value of type Numeric, String, Array, or Hash', v);
  };
  return (_c, args) => { arity(fn, args, 1); return apply(args[0]); };
}

/** `capitalize`, `chomp`, `chop`, `strip`…: a String, or each String of a flat Array; Numerics pass through. */
function eachString(fn: string, f: (s: string) => string): PuppetFunction {
  return (_c, args) => {
    arity(fn, args, 1);
    const v = args[0];
    if (typeof v === 'string') return f(v);
    if (isNumeric(v)) return v;
    if (isArray(v) && v.every((x) => typeof x === 'string' || isNumeric(x))) return v.map((x) => (typeof x === 'string' ? f(x) : x));
    throw argError(fn, 'arg', 'a value of type Numeric, String, or Iterable[Variant[String, Numeric]]', v);
  };
}

/** Ruby's whitespace for `strip`: ASCII blanks and NUL, not Unicode spaces. */
const RUBY_SPACE = '[\\0\\t\\n\\v\\f\\r ]';
const LEADING_SPACE = new RegExp(`^${RUBY_SPACE}+`);
const TRAILING_SPACE = new RegExp(`${RUBY_SPACE}+$`);

/** A regex from a String, failing as Ruby words an invalid pattern. */
function compileRegexp(source: string): RegExp {
  try { return toRegExp(source); } catch {
    const why = /\)/.test(source) && !/\(/.test(source) ? 'unmatched close parenthesis' : 'invalid pattern';
    throw new PuppetError(`${why}: /${source}/`, undefined);
  }
}

/** `Regexp[/x/]`'s expression; a bare `Regexp` matches anything (`//`). */
const regexpOfType = (t: PType): RegExp => (t.params[0] instanceof RegExp ? t.params[0] : t.params[0] === undefined ? /(?:)/ : toRegExp(String(t.params[0])));

/** The regex `match` takes: a Regexp, a String, or a Pattern/Regexp type (also inside a Variant). */
function patternOf(p: Value): RegExp {
  if (p instanceof RegExp) return p;
  if (p instanceof PType) {
    if (p.name === 'Regexp' && p.params[0] === undefined) throw new PuppetError('Given Regexp Type has no regular expression', undefined);
    if (p.name === 'Regexp') return regexpOfType(p);
    if (p.name === 'Pattern' && p.params[0] !== undefined) return patternOf(p.params[0]);
    if (p.name === 'Variant' && p.params[0] !== undefined) return patternOf(p.params[0]);
  }
  return compileRegexp(toStr(p));
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

/** `versioncmp(a, b, true)`: `10.1.0` is `10.1` (zeroes trailing the part before any `-`). */
function withoutTrailingZeroes(v: string): string {
  const [first, ...rest] = v.split('-');
  return [first!.replace(/[.0]+$/, ''), ...rest].join('-');
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
  capitalize: eachString('capitalize', (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()),
  strip: eachString('strip', (s) => s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')),
  lstrip: eachString('lstrip', (s) => s.replace(LEADING_SPACE, '')),
  rstrip: eachString('rstrip', (s) => s.replace(TRAILING_SPACE, '')),
  chomp: eachString('chomp', (s) => s.replace(/(?:\r\n|\n|\r)$/, '')),
  chop: eachString('chop', (s) => (s.endsWith('\r\n') ? s.slice(0, -2) : [...s].slice(0, -1).join(''))),
  split: (_c, args) => {
    arity('split', args, 2);
    const s = str('split', args, 0, 'str');
    const p = args[1];
    const re = p instanceof RegExp ? p : typeof p === 'string' ? compileRegexp(p) : p instanceof PType && p.name === 'Regexp' ? regexpOfType(p) : undefined;
    if (!re) throw argError('split', 'pattern', 'a value of type String, Regexp, or Type[Regexp]', p);
    return rubySplit(s, re);
  },
  join: (c, args, _scope, loc) => {
    arity('join', args, 1, 2);
    const a = args[0];
    if (!isArray(a)) throw argError('join', 'arg', 'an Array', a);
    // Ruby's Array#join: nested Arrays flattened, a Hash as Ruby prints it (`{"a"=>[3, 4]}`).
    return c.budget.join(c.budget.flat(a, loc).map((x) => (isHash(x) ? rubyInspect(x) : toStr(x))), args[1] === undefined ? '' : toStr(args[1]), loc);
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
  versioncmp: (_c, args) => {
    arity('versioncmp', args, 2, 3);
    const [a, b] = [str('versioncmp', args, 0, 'a'), str('versioncmp', args, 1, 'b')];
    return args[2] === true ? versioncmp(withoutTrailingZeroes(a), withoutTrailingZeroes(b)) : versioncmp(a, b);
  },
  size: (_c, args) => sizeOf('size', args),
  length: (_c, args) => sizeOf('length', args),
  empty: (_c, args) => {
    arity('empty', args, 1);
    const v = args[0];
    if (v === undefined) return true;
    if (typeof v === 'string' || isArray(v)) return v.length === 0;
    if (isHash(v)) return v.size === 0;
    if (isNumeric(v)) return false;
    const got = argTypeName(v);
    const sig = (t: string, p: string, want: string): string => `  (${t} ${p})\n    rejected: parameter '${p}' expects ${want} value, got ${got}`;
    throw new PuppetError(`The function 'empty' was called with arguments it does not accept. It expects one of:\n${[
      sig('Collection', 'coll', 'a Collection'), sig('Sensitive[String]', 'str', 'a Sensitive[String]'), sig('String', 'str', 'a String'),
      sig('Numeric', 'num', 'a Numeric'), sig('Binary', 'bin', 'a Binary'), sig('Undef', 'x', 'an Undef'),
    ].join('\n')}`, undefined);
  },
  // Ruby's `split('_').map(&:capitalize).join`: each word capitalised, the rest lower-cased.
  camelcase: eachString('camelcase', (s) => s.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('')),
  shellquote: (_c, args) => shellquote(args),
  match: (_c, args) => {
    const [s, p] = args;
    const re = patternOf(p);
    const one = (x: Value): Value => { const m = re.exec(toStr(x)); return m ? [...m] : undefined; };
    return isArray(s) ? s.map(one) : one(s);
  },
  compare: (_c, args) => {
    arity('compare', args, 2, 3);
    const [a, b] = args;
    if (typeof a === 'string' && typeof b === 'string') {
      if (args.length === 3 && typeof args[2] !== 'boolean') throw compareError(`The third argument (ignore case) must be a Boolean. Got ${label(args[2])}`);
      const [x, y] = args[2] === false ? [a, b] : [a.toLowerCase(), b.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const comparable = (v: Value): boolean => typeof v === 'string' || isNumeric(v);
    if (!comparable(a) || !comparable(b)) {
      throw compareError(`Non comparable type. Only values of the types Numeric, String, Semver, Timestamp and Timestamp can be compared. Got ${label(a)} and ${label(b)}`);
    }
    if (args.length === 3) throw compareError('The third argument (ignore case) can only be used when comparing strings');
    if (isNumeric(a) && isNumeric(b)) return Math.sign(numberOf(a)! - numberOf(b)!);
    throw compareError(`Can only compare values of the same type (or for Timestamp/Timespan also against Numeric). Got ${label(a)} and ${label(b)}`);
  },
};

/** `compare`'s own argument errors, which Puppet prefixes with the function's name. */
const compareError = (message: string): PuppetError => new PuppetError(`'compare' compare(): ${message}`, undefined);

/** How Puppet's label provider names a value's type (`Undef Value` for undef). */
const label = (v: Value): string => (v === undefined ? 'Undef Value' : typeNameOf(v));

function sizeOf(fn: string, args: Value[]): number {
  arity(fn, args, 1);
  const v = args[0];
  if (typeof v === 'string') return [...v].length;
  if (isArray(v)) return v.length;
  if (isHash(v)) return v.size;
  throw argError(fn, 'arg', 'a value of type Collection, String, or Binary', v);
}
