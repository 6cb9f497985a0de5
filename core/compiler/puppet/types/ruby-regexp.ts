import { setFlagsFromString } from 'node:v8';
import { withRubySource } from './values.js';

// Puppet code and facts are untrusted: a catastrophically backtracking regex (`/^(a+)+$/` against
// 'aaa…a!') would hold the worker's event loop forever, and the compile deadline cannot interrupt a
// running match. With this flag V8 switches such a match to its linear-time engine after a bounded
// number of backtracks. It must be set before any Puppet regex is compiled, i.e. when this module
// (which the evaluator, and so every compile, imports) loads. Patterns that engine cannot run
// (backreferences, lookaround) still backtrack: see docs/compiler.md, "Bounds".
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const regexps = new Map<string, RegExp>();

/**
 * Translates a Ruby regular expression (as Puppet writes them) into a JS
 * one: leading `(?i)` and a whole-pattern `(?i:…)` group become flags
 * (Node 20 has no inline modifiers); the original source is kept for display.
 * Translated once per source (bounded; the patterns are never global or
 * sticky, so one RegExp object holds no state between uses).
 */
export function toRegExp(source: string): RegExp {
  let re = regexps.get(source);
  if (re === undefined) {
    re = translateRegExp(source);
    if (regexps.size < 10_000) regexps.set(source, re);
  }
  return re;
}

function translateRegExp(source: string): RegExp {
  let flags = '';
  const setFlags = (f: string): string => { flags = f.includes('i') ? 'i' : ''; return ''; };
  let src = source.replace(/^\(\?([imx]+)\)/, (_m, f: string) => setFlags(f));
  const group = /^\(\?([imx]+)(?:-[imx]+)?:/.exec(src);
  if (group && closingParen(src) === src.length - 1) { setFlags(group[1]!); src = src.slice(group[0].length, -1); }
  src = inlineCaseGroups(src);
  // POSIX bracket classes (`[[:xdigit:]]`) and `{,n}` (Ruby's `{0,n}`), which JS lacks.
  src = src.replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => (POSIX_CLASSES[name] && !neg ? POSIX_CLASSES[name] : m))
    .replace(/(^|[^\\])\{,(\d+)\}/g, '$1{0,$2}');
  src = src.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$').replace(/\(\?<([a-zA-Z_]\w*)>/g, '(?<$1>');
  if (/\(\?<[a-zA-Z_]/.test(src)) src = unnamedGroupsNonCapturing(src);
  return withRubySource(new RegExp(src, flags), source);
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z', digit: '0-9', xdigit: '0-9A-Fa-f', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', word: '\\w',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/** `(?i:x)` inside a pattern (stdlib's `Stdlib::Datasize`): a plain group matching either case of each letter. */
function inlineCaseGroups(src: string): string {
  for (let at = src.search(/\(\?i(?:-[mx]+)?:/); at >= 0; at = src.search(/\(\?i(?:-[mx]+)?:/)) {
    const open = src.indexOf(':', at) + 1;
    const close = at + closingParen(src.slice(at));
    if (close < at) break;
    src = `${src.slice(0, at)}(?:${caseFold(src.slice(open, close))})${src.slice(close + 1)}`;
  }
  return src;
}

/** Each letter of a pattern as either case: `a` → `[aA]`, `[km]` → `[kmKM]`; escapes kept. */
function caseFold(body: string): string {
  let out = '';
  let cls: string | undefined;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') { const esc = body.slice(i, i + 2); if (cls === undefined) out += esc; else cls += esc; i++; continue; }
    if (cls !== undefined) {
      if (ch === ']' && cls.length > 1) { const letters = cls.replace(/\\./g, '').match(/[a-zA-Z]/g) ?? []; out += cls + letters.map((l) => (l === l.toLowerCase() ? l.toUpperCase() : l.toLowerCase())).join('') + ']'; cls = undefined; }
      else cls += ch;
      continue;
    }
    if (ch === '[') cls = '[';
    else out += /[a-zA-Z]/.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch;
  }
  return out + (cls ?? '');
}

/** The index of the `)` closing the group that opens `src`, skipping escapes and character classes. */
function closingParen(src: string): number {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') { i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; continue; }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** In Ruby a pattern with named groups does not capture its plain `( )` groups. */
function unnamedGroupsNonCapturing(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') { out += ch + (src[i + 1] ?? ''); i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; out += ch; continue; }
    if (ch === '[') inClass = true;
    out += ch === '(' && src[i + 1] !== '?' ? '(?:' : ch;
  }
  return out;
}
