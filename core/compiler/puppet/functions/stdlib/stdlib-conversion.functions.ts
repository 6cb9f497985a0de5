import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PSYCH_LIKE } from '../../loader/environment-code.js';
import { DEFAULT, isArray, isHash, PFloat, PType, type Value } from '../../types/values.js';
import { FUNCTIONS } from '../function-registry.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { psychYaml } from './psych-emitter.js';
import { dispatchTypeName, failure, legacy, rubyClass, rubyFloat, rubyToI, rubyToS } from './ruby-interop.js';
import { str2boolOf } from './stdlib-collection.functions.js';
import { parseJson } from '../../../../json/json-float.js';

/** stdlib 8.5's conversions: booleans, numbers, JSON/YAML, base64, strings and paths. */

function num2bool(v: Value): boolean {
  let n: number;
  if (typeof v === 'number' || v instanceof PFloat) n = typeof v === 'number' ? v : v.value;
  else if (typeof v === 'string') {
    const f = rubyFloat(v);
    if (f === undefined) throw failure(`num2bool(): '${v}' does not look like a number: invalid value for Float(): ${JSON.stringify(v)}`);
    n = f;
  } else n = rubyToI(rubyToS(v));
  return Math.trunc(n) > 0;
}

interface JsonStyle { indent: string; space: string; objectNl: string; arrayNl: string }

const COMPACT: JsonStyle = { indent: '', space: '', objectNl: '', arrayNl: '' };

/** Ruby's JSON generator (json 2.x) on Puppet data: `2.0` stays a float, empty collections keep their newlines. */
function json(v: Value, style: JsonStyle, depth = 0): string {
  if (v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || v instanceof PFloat) return rubyToS(v);
  const inner = style.indent.repeat(depth + 1);
  const outer = style.indent.repeat(depth);
  if (isArray(v)) {
    return `[${style.arrayNl}${v.map((x) => inner + json(x, style, depth + 1)).join(`,${style.arrayNl}`)}${style.arrayNl}${outer}]`;
  }
  if (isHash(v)) {
    if (v.size === 0) return `{${style.objectNl}${outer}}`;
    const entries = [...v].map(([k, x]) => `${inner}${JSON.stringify(rubyToS(k))}:${style.space}${json(x, style, depth + 1)}`);
    return `{${style.objectNl}${entries.join(`,${style.objectNl}`)}${style.objectNl}${outer}}`;
  }
  return JSON.stringify(v === DEFAULT ? 'default' : String(v));
}

function toJsonPretty(args: Value[]): string {
  const [data, skipUndef, opts] = args;
  if (!isArray(data) && !isHash(data)) throw failure(`'to_json_pretty' parameter 'data' expects a value of type Hash or Array, got ${rubyClass(data)}`);
  let d: Value = data;
  if (skipUndef === true) d = isArray(data) ? data.filter((x) => x !== undefined) : new Map([...data].filter(([, x]) => x !== undefined));
  const o = isHash(opts) ? opts : new Map<Value, Value>();
  const pick = (k: string, dflt: string): string => (typeof o.get(k) === 'string' ? (o.get(k) as string) : dflt);
  const style = { indent: pick('indent', '  '), space: pick('space', ' '), objectNl: pick('object_nl', '\n'), arrayNl: pick('array_nl', '\n') };
  return `${json(d, style)}\n`;
}

/** JSON and YAML texts as Puppet data (`null` → undef, floats kept floats). */
function fromParsed(v: unknown): Value {
  if (v === null || v === undefined) return undefined;
  if (v instanceof PFloat) return v;
  if (Array.isArray(v)) return v.map(fromParsed);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [fromParsed(k), fromParsed(x)]));
  if (typeof v === 'object') return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromParsed(x)]));
  return v as Value;
}

/** JSON numbers as Ruby reads them: `1.0` is a Float (core/json/json-float.ts). */
const parseJsonText = (text: string): Value => fromParsed(parseJson(text));

function parsed(fn: 'parsejson' | 'parseyaml', args: Value[], parse: (text: string) => Value): Value {
  if (args.length < 1) throw failure('Wrong number of arguments. 1 or 2 arguments should be provided.');
  try {
    const v = parse(rubyToS(args[0]));
    return v === undefined || v === false ? args[1] : v;
  } catch (e) {
    if (args[1] === undefined || args[1] === false) throw failure(`${fn === 'parsejson' ? '' : '(<unknown>): '}${(e as Error).message}`);
    return args[1];
  }
}

function base64(args: Value[]): string {
  if (args.length < 2) throw failure(`base64(): Wrong number of arguments (${args.length}; must be >= 2)`);
  const [action, s, method = 'default'] = args;
  if (action !== 'encode' && action !== 'decode') throw failure("base64(): the first argument must be one of 'encode' or 'decode'");
  if (typeof s !== 'string') throw failure('base64(): the second argument must be a string to base64');
  if (method !== 'default' && method !== 'strict' && method !== 'urlsafe') throw failure("base64(): the third argument must be one of 'default', 'strict', or 'urlsafe'");
  if (action === 'encode') {
    const b = Buffer.from(s, 'utf8').toString('base64');
    if (method === 'default') return b === '' ? '' : b.replace(/.{60}/g, '$&\n').replace(/\n?$/, '\n');
    return method === 'urlsafe' ? b.replace(/\+/g, '-').replace(/\//g, '_') : b;
  }
  return Buffer.from(method === 'urlsafe' ? s.replace(/-/g, '+').replace(/_/g, '/') : s, 'base64').toString('utf8');
}

const swap = (s: string): string => [...s].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');

function stringOrArray(fn: string, args: Value[], f: (s: string) => string): Value {
  if (args.length === 0) throw failure(`${fn}(): Wrong number of arguments given (0 for 1)`);
  const [v] = args;
  if (isArray(v)) return v.map((x) => (typeof x === 'string' ? f(x) : x));
  if (typeof v === 'string') return f(v);
  throw failure(`${fn}(): Requires either array or string to work with`);
}

/** Ruby's `File.basename(path, suffix)`. */
function basename(path: string, suffix?: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '';
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix === undefined) return base;
  if (suffix === '.*') { const dot = base.lastIndexOf('.'); return dot > 0 ? base.slice(0, dot) : base; }
  return base.endsWith(suffix) && base !== suffix ? base.slice(0, -suffix.length) : base;
}

/** Ruby's `File.extname`: the last dot's suffix, not for dot-files or a trailing dot. */
function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot) : '';
}

/** Ruby's `Shellwords.escape`. */
const shellEscape = (s: string): string => (s === '' ? "''" : s.replace(/[^A-Za-z0-9_\-.,:+/@\n]/g, '\\$&').replace(/\n/g, "'\n'"));

/** Ruby's `Shellwords.split`. */
function shellSplit(s: string): string[] {
  const words: string[] = [];
  let field = '';
  let inWord = false;
  const re = /\s*(?:([^\s\\'"]+)|'([^']*)'|"((?:[^"\\]|\\.)*)"|(\\.?)|(\S))(\s|$)?/gms;
  for (const m of s.matchAll(re)) {
    const [, word, sq, dq, esc, garbage, sep] = m;
    if (garbage !== undefined) throw failure(`Unmatched quote: ${JSON.stringify(s)}`);
    field += word ?? sq ?? (dq !== undefined ? dq.replace(/\\([$`"\\\n])/g, '$1') : esc!.slice(1));
    inWord = true;
    if (sep !== undefined) { words.push(field); field = ''; inWord = false; }
  }
  if (inWord) words.push(field);
  return words;
}

/** Ruby's `URI::DEFAULT_PARSER.escape`: unreserved and reserved characters kept. */
const uriEscape = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.!~*'();/?:@&=+$,[\]]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');

function toBytes(args: Value[]): Value {
  if (args.length !== 1) throw failure(`to_bytes(): Wrong number of arguments given (${args.length} for 1)`);
  const [arg] = args;
  if (typeof arg === 'number' || arg instanceof PFloat) return arg;
  const m = /([0-9.e+-]*)\s*([^bB]?)/.exec(rubyToS(arg))!;
  const value = parseFloat(m[1]!) || 0;
  const shift = { '': 0, k: 10, M: 20, G: 30, T: 40, P: 50, E: 60 }[m[2]!];
  if (shift === undefined) throw failure(`to_bytes(): Unknown prefix ${m[2]}`);
  return Math.trunc(value * 2 ** shift);
}

function clamp(args: Value[]): Value {
  const flat = args.flat(Infinity as 1) as Value[];
  if (flat.length !== 3) throw failure('clamp(): Wrong number of arguments, need three to clamp');
  for (const v of flat) {
    if (typeof v === 'string' && !/^\d+$/m.test(v)) throw failure(`clamp(): Required explicit numeric (${v}:String)`);
    if (isHash(v)) throw failure(`clamp(): The Hash type is not allowed (${rubyToS(v)})`);
  }
  return flat.map(rubyToI).sort((a, b) => a - b)[1]!;
}

function convertBase(args: Value[]): string {
  const [n, base] = args;
  const ok = (v: Value): boolean => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'string';
  if (!ok(n)) throw failure('convert_base(): First argument must be either a string or an integer');
  if (!ok(base)) throw failure('convert_base(): Second argument must be either a string or an integer');
  for (const v of [n, base]) {
    if (typeof v === 'string' && !/^[0-9]+$/m.test(v)) throw failure('convert_base(): First argument must be an integer or a string corresponding to an integer in base 10');
  }
  const b = rubyToI(base);
  if (b < 2 || b > 36) throw failure('convert_base(): base must be at least 2 and must not be greater than 36');
  return rubyToI(n).toString(b);
}

/**
 * Puppet's `TypeCalculator.infer_set` for data (what `type_of` returns):
 * numbers as one-value ranges, arrays as tuples, string-keyed hashes as
 * structs; `undefined` for what the builtin's `type` answers the same.
 */
function inferSet(v: Value): PType | undefined {
  const t = (x: Value): PType => inferSet(x) ?? new PType(x === undefined ? 'Undef' : typeof x === 'string' ? 'String' : typeof x === 'boolean' ? 'Boolean' : 'Any');
  if (typeof v === 'number' || v instanceof PFloat) return new PType(Number.isInteger(v) ? 'Integer' : 'Float', [v, v]);
  if (isArray(v) && v.length > 0) return new PType('Tuple', v.map(t));
  if (isHash(v) && v.size > 0 && [...v.keys()].every((k) => typeof k === 'string')) return new PType('Struct', [new Map([...v].map(([k, x]) => [k, t(x)]))]);
  return undefined;
}

/** start_with/end_with's arguments (`String`, `Variant[String[1], Array[String[1], 1]]`) as [string, affix] pairs. */
function affixes(fn: string, args: Value[]): [string, string][] {
  const [s, p] = args;
  if (typeof s !== 'string') throw failure(`'${fn}' parameter 'test_string' expects a String value, got ${dispatchTypeName(s)}`);
  const list = isArray(p) ? p : [p];
  if (list.length === 0 || !list.every((x) => typeof x === 'string' && x !== '')) {
    throw failure(`'${fn}' parameter 'prefixes' expects a value of type String[1] or Array[String[1], 1], got ${isArray(p) ? 'Tuple' : dispatchTypeName(p)}`);
  }
  return list.map((x) => [s, x as string]);
}

const xmlEncode = (s: string, attr: boolean): string => {
  const out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attr ? `"${out.replace(/"/g, '&quot;')}"` : out;
};

export const STDLIB_CONVERSION_FUNCTIONS: Record<string, PuppetFunction> = {
  str2bool: legacy((_c, args) => {
    if (args.length === 0) throw failure(`str2bool(): Wrong number of arguments given (0 for 1)`);
    return str2boolOf(args[0]);
  }),
  bool2str: legacy((_c, args) => {
    if (args.length !== 1 && args.length !== 3) throw failure(`bool2str(): Wrong number of arguments given (${args.length} for 3)`);
    const [v, t = 'true', f = 'false'] = args;
    if (typeof v !== 'boolean') throw failure('bool2str(): Requires a boolean to work with');
    if (typeof t !== 'string' || typeof f !== 'string') throw failure('bool2str(): Requires strings to convert to');
    return v ? t : f;
  }),
  bool2num: legacy((_c, args) => {
    if (args.length === 0) throw failure('bool2num(): Wrong number of arguments given (0 for 1)');
    return str2boolOf(args[0]) ? 1 : 0;
  }),
  num2bool: legacy((_c, args) => {
    if (args.length !== 1) throw failure(`num2bool(): Wrong number of arguments given (${args.length} for 1)`);
    return num2bool(args[0]);
  }),
  any2bool: legacy((_c, args) => {
    if (args.length === 0) throw failure('any2bool(): Wrong number of arguments given (0 for 1)');
    const [v] = args;
    if (typeof v === 'boolean') return v;
    if (v === undefined) return false;
    if (typeof v === 'number' || v instanceof PFloat) return num2bool(v);
    if (typeof v === 'string') return rubyFloat(v) !== undefined ? num2bool(v) : str2boolOf(v);
    return true;
  }),
  to_json: (_c, args) => json(args[0], COMPACT),
  to_json_pretty: (_c, args) => toJsonPretty(args),
  to_yaml: (_c, args) => {
    const opts = args[1];
    const indentation = isHash(opts) && typeof opts.get('indentation') === 'number' ? (opts.get('indentation') as number) : 2;
    return psychYaml(args[0], indentation);
  },
  parsejson: legacy((_c, args) => parsed('parsejson', args, parseJsonText)),
  parsepson: (_c, args) => {
    const [text, ...dflt] = args;
    if (typeof text !== 'string' || text === '') throw failure(`'parsepson' parameter 'pson_string' expects a String[1] value, got ${dispatchTypeName(text)}`);
    try {
      return parseJsonText(text);
    } catch (e) {
      if (dflt.length === 0) throw failure((e as Error).message);
      return dflt[0];
    }
  },
  parseyaml: legacy((_c, args) => parsed('parseyaml', args, (text) => fromParsed(parseYaml(text, PSYCH_LIKE)))),
  base64: legacy((_c, args) => base64(args)),
  swapcase: legacy((_c, args) => stringOrArray('swapcase', args, swap)),
  reverse: legacy((_c, args) => {
    if (args.length === 0) throw failure('reverse(): Wrong number of arguments given (0 for 1)');
    const [v] = args;
    if (isArray(v)) return [...v].reverse();
    if (typeof v === 'string') return [...v].reverse().join('');
    throw failure('reverse(): Requires either array or string to work with');
  }),
  uriescape: legacy((_c, args) => stringOrArray('uriescape', args, uriEscape)),
  basename: legacy((_c, args) => {
    if (args.length === 0) throw failure('basename(): No arguments given');
    if (args.length > 2) throw failure(`basename(): Too many arguments given (${args.length})`);
    if (typeof args[0] !== 'string') throw failure('basename(): Requires string as first argument');
    if (args.length === 2 && typeof args[1] !== 'string') throw failure('basename(): Requires string as second argument');
    return basename(args[0], args[1] as string | undefined);
  }),
  dirname: legacy((_c, args) => {
    if (args.length === 0) throw failure('dirname(): No arguments given');
    if (args.length > 1) throw failure(`dirname(): Too many arguments given (${args.length})`);
    if (typeof args[0] !== 'string') throw failure('dirname(): Requires string as argument');
    if (args[0] === '') throw failure('dirname(): Requires a non-empty string as argument');
    return posix.dirname(args[0]);
  }),
  squeeze: legacy((_c, args) => {
    if (args.length !== 1 && args.length !== 2) throw failure(`squeeze(): Wrong number of arguments given ${args.length} for 2 or 1`);
    const [item, set] = args;
    const sq = (s: Value): string => rubyToS(s).replace(/(.)\1+/gs, (run, ch: string) => (typeof set === 'string' && !set.includes(ch) ? run : ch));
    return isArray(item) ? item.map(sq) : sq(item);
  }),
  regexpescape: legacy((_c, args) => {
    if (args.length !== 1) throw failure(`regexpescape(): Wrong number of arguments given (${args.length} for 1)`);
    const esc = (s: string): string => s.replace(/[.*?+^$|()[\]{}\\-]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/ /g, '\\ ');
    return stringOrArray('regexpescape', args, esc);
  }),
  shell_escape: (_c, args) => shellEscape(rubyToS(args[0])),
  shell_join: legacy((_c, args) => {
    const [a] = args;
    if (!isArray(a)) throw failure('shell_join(): Requires an array to work with');
    return a.map((x) => shellEscape(rubyToS(x))).join(' ');
  }),
  shell_split: legacy((_c, args) => shellSplit(rubyToS(args[0]))),
  dos2unix: legacy((_c, args) => rubyToS(args[0]).replace(/\r\n/g, '\n')),
  unix2dos: legacy((_c, args) => rubyToS(args[0]).replace(/\r*\n/g, '\r\n')),
  to_bytes: legacy((_c, args) => toBytes(args)),
  clamp: legacy((_c, args) => clamp(args)),
  convert_base: legacy((_c, args) => convertBase(args)),
  'stdlib::start_with': (_c, args) => affixes('stdlib::start_with', args).some(([s, p]) => s.startsWith(p)),
  'stdlib::end_with': (_c, args) => affixes('stdlib::end_with', args).some(([s, p]) => s.endsWith(p)),
  'stdlib::extname': (_c, args) => extname(rubyToS(args[0])),
  'stdlib::xml_encode': (_c, args) => xmlEncode(rubyToS(args[0]), args[1] === 'attr'),
  type_of: (c, args, scope, loc) => inferSet(args[0]) ?? FUNCTIONS['type']!(c, [args[0]], scope, loc),
  is_a: (c, args) => {
    const [v, t] = args;
    if (!(t instanceof PType)) throw failure(`'is_a' parameter 'type' expects a Type value, got ${rubyClass(t)}`);
    return c.isInstance(t, v);
  },
};

