import { PuppetError } from '../../puppet-error.js';
import { isArray, isFloat, isHash, numberOf, parseNumeric, rubyInspect, toStr, type Value } from '../../types/values.js';

/**
 * Ruby's `Kernel#sprintf`, which Puppet's `sprintf` calls with the
 * arguments converted to Ruby values: every directive
 * (`%d %i %u %f %e %E %g %G %s %p %x %X %o %b %B %c %%`), the flags
 * `- + space 0 #`, width and precision (also `*`), named references
 * `%<name>…` and `%{name}` from one hash argument.
 */

/** One parsed `%…` directive. */
interface Directive {
  flags: string;
  width?: number;
  prec?: number;
  name?: string;
  /** The conversion character; `{` for `%{name}`. */
  conv: string;
}

const FLAGS = '-+ 0#';
const CONVERSIONS = 'diuxXobBeEfgGaAspc%';

/** Formats `args` by `format`; `checkWidth` sees each field width and precision before a field is built. */
export function sprintf(format: string, values: readonly Value[], checkWidth: (width: number) => void = () => undefined): string {
  // Puppet hands a Ruby 3.x function `undef` arguments as empty strings.
  const args = values.map((v) => (v === undefined ? '' : v));
  let next = 0;
  const positional = (): Value => {
    if (next >= args.length) throw new PuppetError('too few arguments', undefined);
    return args[next++];
  };
  let out = '';
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) { out += format.slice(i); break; }
    out += format.slice(i, pct);
    const [d, end] = parseDirective(format, pct + 1, positional);
    i = end;
    if (d.conv === '%') { out += '%'; continue; }
    checkWidth(Math.max(d.width ?? 0, d.prec ?? 0));
    const v = d.name === undefined ? positional() : named(args, d.name, d.conv === '{');
    out += field(d, v);
  }
  return out;
}

function parseDirective(f: string, start: number, positional: () => Value): [Directive, number] {
  const d: Directive = { flags: '', conv: '' };
  let i = start;
  const number = (): number => {
    if (f[i] === '*') { i++; return Number(numberOf(positional()) ?? 0); }
    const m = /^\d+/.exec(f.slice(i));
    i += m ? m[0].length : 0;
    return m ? Number(m[0]) : 0;
  };
  for (;;) {
    const c = f[i];
    if (c !== undefined && FLAGS.includes(c)) { d.flags += c; i++; continue; }
    if (c === '<' || c === '{') {
      const close = f.indexOf(c === '<' ? '>' : '}', i);
      if (close < 0) throw malformed(f, start);
      d.name = f.slice(i + 1, close);
      i = close + 1;
      if (c === '{') return [{ ...d, conv: '{' }, i];
      continue;
    }
    if (c === '*' || (c !== undefined && c >= '1' && c <= '9')) {
      d.width = number();
      // A negative `*` width left-justifies, as in C.
      if (d.width < 0) { d.flags += '-'; d.width = -d.width; }
      continue;
    }
    if (c === '.') { i++; d.prec = number(); continue; }
    if (c === undefined || !CONVERSIONS.includes(c)) throw malformed(f, start);
    return [{ ...d, conv: c }, i + 1];
  }
}

const malformed = (f: string, start: number): PuppetError => new PuppetError(`malformed format string - %${f.slice(start, start + 1)}`, undefined);

/** `%<name>` and `%{name}` read the one hash argument; Ruby names a missing key with its brackets. */
function named(args: readonly Value[], name: string, braces: boolean): Value {
  const h = args[0];
  if (args.length !== 1 || !isHash(h)) throw new PuppetError('one hash required', undefined);
  if (!h.has(name)) throw new PuppetError(braces ? `key{${name}} not found` : `key<${name}> not found`, undefined);
  return h.get(name);
}

function field(d: Directive, v: Value): string {
  switch (d.conv) {
    case 's': case '{': {
      const s = rubyToS(v);
      return pad(d, '', d.prec === undefined ? s : s.slice(0, d.prec));
    }
    case 'p': return pad(d, '', rubyInspect(v));
    case 'c': return pad(d, '', typeof v === 'string' ? v.charAt(0) : String.fromCodePoint(toRubyInteger(v)));
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'b': case 'B': return integerField(d, toRubyInteger(v));
    default: return floatField(d, toRubyFloat(v));
  }
}

/** Ruby's `to_s` of the converted value: collections inspected. */
const rubyToS = (v: Value): string => (isArray(v) || isHash(v) ? rubyInspect(v) : toStr(v));

/** Ruby's `Kernel#Integer` as `%d` applies it: floats truncate, strings must spell an integer. */
function toRubyInteger(v: Value): number {
  const n = typeof v === 'string' ? parseNumeric(v) : v;
  if (typeof v === 'string' && (n === undefined || isFloat(n))) throw new PuppetError(`invalid value for Integer(): ${JSON.stringify(v)}`, undefined);
  const x = numberOf(n);
  if (x === undefined) throw new PuppetError(`can't convert ${rubyClass(v)} into Integer`, undefined);
  return Math.trunc(x);
}

function toRubyFloat(v: Value): number {
  const x = numberOf(typeof v === 'string' ? parseNumeric(v) : v);
  if (x === undefined) {
    throw new PuppetError(typeof v === 'string' ? `invalid value for Float(): ${JSON.stringify(v)}` : `can't convert ${rubyClass(v)} into Float`, undefined);
  }
  return x;
}

const rubyClass = (v: Value): string => (v === undefined ? 'nil' : typeof v === 'boolean' ? String(v) : isArray(v) ? 'Array' : isHash(v) ? 'Hash' : 'Object');

const RADIX: Record<string, number> = { d: 10, i: 10, u: 10, x: 16, X: 16, o: 8, b: 2, B: 2 };
const PREFIX: Record<string, string> = { x: '0x', X: '0X', o: '0', b: '0b', B: '0B' };

function integerField(d: Directive, n: number): string {
  const radix = RADIX[d.conv]!;
  const explicitSign = d.flags.includes('+') || d.flags.includes(' ');
  let digits: string;
  let sign = '';
  if (n < 0 && radix !== 10 && !explicitSign) digits = `..${twosComplement(n, radix)}`;
  else {
    digits = Math.abs(n).toString(radix);
    sign = n < 0 ? '-' : signFlag(d);
  }
  if (d.conv === 'X') digits = digits.toUpperCase();
  if (d.prec !== undefined) digits = digits.padStart(d.prec, '0');
  const prefix = d.flags.includes('#') && n !== 0 ? PREFIX[d.conv] ?? '' : '';
  return pad(d, sign + prefix, digits, d.prec === undefined);
}

/** Ruby shows a negative number in base 2, 8 or 16 as its infinite two's complement: `..f01` for -255. */
function twosComplement(n: number, radix: number): string {
  const b = BigInt(radix);
  let size = b;
  // The smallest power of the radix whose leading digit is the largest digit: one `f` (or `7`, `1`) kept.
  while (size / b <= BigInt(-n)) size *= b;
  const s = (size + BigInt(n)).toString(radix);
  const top = (radix - 1).toString(radix);
  return top + s.replace(new RegExp(`^${top}+`), '');
}

function floatField(d: Directive, x: number): string {
  const abs = Math.abs(x);
  let body: string;
  switch (d.conv) {
    case 'f': body = fixed(abs, d.prec ?? 6); break;
    case 'e': case 'E': case 'a': case 'A': body = exponential(abs, d.prec ?? 6); break;
    default: body = general(abs, d.prec ?? 6, d.flags.includes('#'));
  }
  if (d.conv === 'E' || d.conv === 'G' || d.conv === 'A') body = body.toUpperCase();
  return pad(d, x < 0 || Object.is(x, -0) ? '-' : signFlag(d), body, true);
}

const signFlag = (d: Directive): string => (d.flags.includes('+') ? '+' : d.flags.includes(' ') ? ' ' : '');

/**
 * Ruby's `%.Nf` (its dtoa): like `toFixed`, except that a value within
 * rounding error of a tie rounds half to even (`2.675` → `2.68`, `2.665` →
 * `2.66`, `2.5` → `2`), and a value with no digit inside the precision is
 * compared exactly with the half (`0.05` → `0.1`).
 */
function fixed(x: number, prec: number): string {
  const scaled = x * 10 ** prec;
  if (!(scaled < 2 ** 52)) return x.toFixed(prec);
  const whole = Math.floor(scaled);
  if (whole === 0) return scaledDigits(aboveHalfUnit(x, prec) ? 1 : 0, prec);
  if (Math.abs(scaled - whole - 0.5) <= scaled * 4 * Number.EPSILON) return scaledDigits(whole % 2 === 0 ? whole : whole + 1, prec);
  return x.toFixed(prec);
}

/** `n / 10^prec` written with `prec` decimals. */
function scaledDigits(n: number, prec: number): string {
  if (prec === 0) return String(n);
  const digits = String(n).padStart(prec + 1, '0');
  return `${digits.slice(0, -prec)}.${digits.slice(-prec)}`;
}

/** Whether x > 0.5 · 10^-prec exactly (x = m · 2^e, compared in integers). */
function aboveHalfUnit(x: number, prec: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = exp === 0 ? frac : frac | (1n << 52n);
  const e = (exp === 0 ? 1 : exp) - 1075;
  // m · 2^e · 10^prec · 2 > 1
  const lhs = m * 10n ** BigInt(prec) * 2n;
  return e >= 0 ? lhs * (1n << BigInt(e)) > 1n : lhs > (1n << BigInt(-e));
}

/** C's `%.Ne`: the exponent has at least two digits. */
function exponential(x: number, prec: number): string {
  return x.toExponential(prec).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** C's `%g`: fixed or exponential by the exponent, trailing zeros removed unless `#`. */
function general(x: number, prec: number, keepZeros: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const exp = x === 0 ? 0 : Number(x.toExponential(p - 1).split('e')[1]);
  const s = p > exp && exp >= -4 ? fixed(x, p - 1 - exp) : exponential(x, p - 1);
  if (keepZeros) return s;
  return s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/** Pads a field to its width: left-justified, zero-filled after the sign (numbers only), or right-justified. */
function pad(d: Directive, sign: string, body: string, zeroable = false): string {
  const width = d.width ?? 0;
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (d.flags.includes('-')) return (sign + body).padEnd(width);
  if (zeroable && d.flags.includes('0')) return sign + body.padStart(width - sign.length, '0');
  return (sign + body).padStart(width);
}
