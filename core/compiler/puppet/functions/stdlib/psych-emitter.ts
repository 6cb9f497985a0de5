import { isArray, isHash, PFloat, type Value } from '../../types/values.js';
import { rubyToS } from './ruby-interop.js';

/**
 * Ruby's `data.to_yaml` (Psych on libyaml) for Puppet data, as stdlib's
 * `to_yaml` gives it: `---` header, block style, sequences inside mappings
 * not indented, strings quoted where Psych quotes them.
 */
export function psychYaml(data: Value, indentation = 2): string {
  step = indentation;
  if (isCollection(data) && size(data) > 0) return `---\n${block(data, 0)}`;
  return data === undefined ? '---\n' : `--- ${scalar(data, step)}\n`;
}

/** Psych's `indentation` option: spaces per nested mapping level (set per call, emitting is synchronous). */
let step = 2;

const isCollection = (v: Value): v is readonly Value[] | ReadonlyMap<Value, Value> => isArray(v) || isHash(v);
const size = (v: readonly Value[] | ReadonlyMap<Value, Value>): number => (isArray(v) ? v.length : v.size);
const pad = (n: number): string => ' '.repeat(n);

/** A non-empty collection in block style at `indent`, each line ending in a newline. */
function block(v: readonly Value[] | ReadonlyMap<Value, Value>, indent: number): string {
  if (isArray(v)) {
    return v.map((x) => `${pad(indent)}-${isCollection(x) && size(x) > 0 ? inlineFirst(x, indent + 2) : valueAfter(x, indent + 2)}`).join('');
  }
  return [...v].map(([k, x]) => {
    const key = `${pad(indent)}${scalar(k, indent)}:`;
    if (isCollection(x) && size(x) > 0) return `${key}\n${block(x, isArray(x) ? indent : indent + step)}`;
    return `${key}${valueAfter(x, indent + step)}`;
  }).join('');
}

/** A collection that starts on the line of its `- `: the first line joins it, the rest keep the indent. */
function inlineFirst(x: readonly Value[] | ReadonlyMap<Value, Value>, indent: number): string {
  return ` ${block(x, indent).slice(indent)}`;
}

/** A scalar (or empty collection) after `key:` or `-`. */
function valueAfter(x: Value, indent: number): string {
  if (x === undefined) return '\n';
  return ` ${scalar(x, indent)}\n`;
}

/** Strings Psych's scalar scanner reads as something else (booleans, null, numbers, dates, symbols): single-quoted. */
const NOT_A_STRING = /^(?:~|null|yes|no|true|false|on|off|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0[0-7_,]+|[-+]?0x[0-9a-fA-F_,]+|[-+]?0b[01_,]+|[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?|[-+]?\.inf|\.nan|\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}(?:\.[0-9_]*)?|:.+)$/i;

function scalar(v: Value, indent: number): string {
  if (v === undefined) return '';
  if (isArray(v)) return '[]';
  if (isHash(v)) return '{}';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || v instanceof PFloat) return rubyToS(v);
  return str(typeof v === 'string' ? v : rubyToS(v), indent);
}

function str(s: string, indent: number): string {
  // Psych's tests are Ruby regexps: `\Z` also matches before a final newline, `^`/`$` at every line.
  if (/\n(?!\n?$)/.test(s) && !NOT_PRINTABLE.test(s)) {
    const chomp = s.endsWith('\n\n') ? '+' : s.endsWith('\n') ? '' : '-';
    return `|${chomp}\n${s.replace(/\n$/, '').split('\n').map((l) => (l ? pad(indent) + l : '')).join('\n')}`;
  }
  if (s === 'y' || s === 'n' || /^[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}][^"]*$/mu.test(s) || NOT_PRINTABLE.test(s)) return doubleQuoted(s);
  if (s === '' || NOT_A_STRING.test(s) || !plainAllowed(s)) {
    // libyaml folds a line break in single quotes into a blank line, then indents what follows.
    return `'${s.replace(/'/g, "''").replace(/\n+/g, (run) => `\n${run}${pad(indent)}`)}'`;
  }
  return s;
}

/** libyaml's plain-scalar check (block context): no indicator first (`-?:` only before a space), no `: ` or ` #`, no edge spaces. */
const plainAllowed = (s: string): boolean => !/^[,[\]{}#&*!|>'"%@`]|^[-?:](?:\s|$)/.test(s) && !/: |:$| #|^\s|\s$/.test(s);

/** What libyaml cannot print as is (controls but tab and newline, and characters beyond the BMP): double-quoted and escaped. */
const NOT_PRINTABLE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|[\u{10000}-\u{10ffff}]/u;

function doubleQuoted(s: string): string {
  const esc: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x00': '\\0', '\x07': '\\a', '\b': '\\b', '\x1b': '\\e', '\x0b': '\\v', '\f': '\\f', '\x85': '\\N', '\ufeff': '\\uFEFF' };
  const hex = (n: number, w: number): string => n.toString(16).toUpperCase().padStart(w, '0');
  return `"${[...s].map((c) => {
    const n = c.codePointAt(0)!;
    if (esc[c]) return esc[c];
    if (n > 0xffff) return `\\U${hex(n, 8)}`;
    return NOT_PRINTABLE.test(c) ? `\\x${hex(n, 2)}` : c;
  }).join('')}"`;
}
