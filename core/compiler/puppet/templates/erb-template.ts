import { PuppetError, UnsupportedError } from '../puppet-error.js';
import { toRegExp } from '../types/ruby-regexp.js';
import { isArray, isHash, isSharedValue, rubyInspect, toStr, type PHash, type Value } from '../types/values.js';
import { asValue, inspectObject, ipAddrNew, MatchData, rubyCompare, RubyException, RubyRange, sliceByRange } from './erb-ruby-objects.js';

/**
 * ERB templates (`template()`, `inline_template()`) for the Ruby that
 * Puppet templates commonly use: `@variables`, `scope['x']`, `if`/`unless`/
 * `elsif`/`else`, `case`/`when`, `each`/`each_with_index`/`each_pair` blocks,
 * helper methods the template defines (`def bool2str(v) … end`), and common
 * String/Array/Hash methods; match data (`$1`, `md = re.match(s)`, `md[1]`),
 * Integer ranges, `inject`, `begin`/`rescue` around `IPAddr.new` (the
 * Ruby objects: erb-ruby-objects.ts). Trim mode `-` as Puppet uses it. Anything else
 * fails with a located error rather than rendering something wrong.
 */

type Tok = { k: 'text' | 'out' | 'end_out' | 'nl' | 'str' | 'dstr' | 'num' | 'ivar' | 'gvar' | 'id' | 'sym' | 'op' | 'regex' | 'eof'; v: string; parts?: (string | Tok[])[]; flags?: string; line: number };

type Node =
  | { t: 'text'; v: string }
  | { t: 'out'; e: Node }
  | { t: 'lit'; v: Value }
  | { t: 'dstr'; parts: (string | Node)[] }
  | { t: 'ivar'; name: string }
  | { t: 'local'; name: string; orNil?: boolean }
  | { t: 'array'; items: Node[] }
  | { t: 'hash'; entries: [Node, Node][] }
  | { t: 'call'; recv: Node | undefined; name: string; args: Node[]; block?: Block }
  | { t: 'index'; recv: Node; args: Node[] }
  | { t: 'not'; e: Node }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'tern'; c: Node; a: Node; b: Node }
  | { t: 'assign'; name: string; e: Node }
  | { t: 'indexAssign'; recv: Node; key: Node; e: Node }
  | { t: 'ivarAssign'; name: string; e: Node }
  | { t: 'if'; c: Node; then: Node[]; else: Node[]; negate: boolean }
  | { t: 'case'; subject: Node; whens: { values: Node[]; body: Node[] }[]; else: Node[] }
  | { t: 'def'; name: string; params: string[]; body: Node[] }
  | { t: 'next'; e?: Node }
  | { t: 'nthref'; n: number }
  | { t: 'range'; from: Node; to: Node; exclusive: boolean }
  | { t: 'begin'; body: Node[]; rescues: Rescue[]; else: Node[]; ensure: Node[] };

/** `rescue A, B => e`: the classes it catches (none: StandardError) and the variable it names the exception by. */
interface Rescue { classes: string[]; name?: string; body: Node[] }

/** `next` in a block: ends this call of the block with its value. */
class NextSignal {
  constructor(readonly value: Value) {}
}

interface Block { params: string[]; body: Node[] }

/** What a template can ask of the compile: variables and Puppet functions; and the compile's bounds it must keep. */
export interface ErbContext {
  variable(name: string): Value;
  /** `scope.setvar(name, value)`: sets a variable of the calling scope; false when it is set already. */
  setVariable(name: string, value: Value): boolean;
  callFunction(name: string, args: Value[]): Value;
  /** One evaluation step (the compile's deadline and step budget). */
  step(): void;
  /** Before creating a string of `n` characters. */
  string(n: number): void;
  /** Before creating an array of `n` elements. */
  collection(n: number): void;
}

/** Renders an ERB template. `file` names it in errors. */
export function renderErb(src: string, file: string, ctx: ErbContext): string {
  const toks = scan(src, file);
  const p = new RubyParser(toks, file);
  const body = p.statements(['eof']);
  const out: string[] = [];
  try {
    new RubyEvaluator(ctx, file, out).block(body, new Map());
  } catch (e) {
    // Puppet words an exception out of a template in its own way.
    if (e instanceof RubyException) throw new UnsupportedError(`${file}: ${e.message} (a Ruby exception the template does not rescue)`, { file, line: 0, column: 0 }, 'plain');
    throw e;
  }
  ctx.string(out.reduce((n, s) => n + s.length, 0));
  return out.join('');
}

function scan(src: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const count = (s: string): void => { for (const c of s) if (c === '\n') line++; };
  while (i < src.length) {
    let j = src.indexOf('<%', i);
    while (j >= 0 && src[j + 2] === '%') j = src.indexOf('<%', j + 3);
    let text = src.slice(i, j < 0 ? src.length : j).replace(/<%%/g, '<%');
    if (j >= 0 && src[j + 2] === '-') text = text.replace(/(^|\n)[ \t]*$/, '$1');
    if (text) { toks.push({ k: 'text', v: text, line }); count(src.slice(i, j < 0 ? src.length : j)); }
    if (j < 0) break;
    let k = j + 2;
    if (src[k] === '-') k++;
    const close = src.indexOf('%>', k);
    if (close < 0) throw new PuppetError(`${file}: unterminated ERB tag`, { file, line, column: 0 }, 'plain');
    const trimRight = src[close - 1] === '-';
    const code = src.slice(k, trimRight ? close - 1 : close);
    if (code.startsWith('#')) { count(code); }
    else if (code.startsWith('=')) {
      toks.push({ k: 'out', v: '', line });
      toks.push(...lexRuby(code.slice(1), file, line));
      toks.push({ k: 'end_out', v: '', line });
      count(code);
    } else {
      toks.push(...lexRuby(code, file, line));
      toks.push({ k: 'nl', v: '', line });
      count(code);
    }
    i = close + 2;
    if (trimRight && src[i] === '\n') { i++; line++; }
  }
  toks.push({ k: 'eof', v: '', line });
  return toks;
}

/** Keywords after which `/` starts a regexp, not a division. */
const REGEXP_KEYWORDS: ReadonlySet<string> = new Set(['if', 'elsif', 'unless', 'when', 'and', 'or', 'not', 'return', 'while', 'until']);

const OPS = ['**', '<=>', '==', '!=', '=~', '!~', '<=', '>=', '&&', '||=', '||', '<<', '...', '..', '::', '=>', '+=', '{', '}', '(', ')', '[', ']', ',', '.', '|', '?', ':', '!', '<', '>', '+', '-', '*', '/', '%', '=', ';'];

function lexRuby(src: string, file: string, line0: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = line0;
  const fail = (): never => { throw new UnsupportedError(`${file}: unsupported Ruby in template near '${src.slice(i, i + 20)}'`, { file, line, column: 0 }, 'plain'); };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') { out.push({ k: 'nl', v: '', line }); line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^@([a-zA-Z_]\w*)/.exec(rest))) { out.push({ k: 'ivar', v: m[1]!, line }); i += m[0].length; continue; }
    // `$1`…`$9`: the last match's groups.
    if ((m = /^\$([1-9])(?!\d)/.exec(rest))) { out.push({ k: 'gvar', v: m[1]!, line }); i += m[0].length; continue; }
    if ((m = /^[a-zA-Z_]\w*[?!]?/.exec(rest))) { out.push({ k: 'id', v: m[0], line }); i += m[0].length; continue; }
    if ((m = /^\d+(\.\d+)?/.exec(rest))) { out.push({ k: 'num', v: m[0], line }); i += m[0].length; continue; }
    if ((m = /^:([a-zA-Z_]\w*)/.exec(rest)) && !(out.at(-1)?.k === 'op' && out.at(-1)?.v === '?')) { out.push({ k: 'sym', v: m[1]!, line }); i += m[0].length; continue; }
    // `%w(a b c)`: an Array of words, lexed as `['a', 'b', 'c']`.
    if ((m = /^%w([([{<])/.exec(rest))) {
      const close = ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[m[1]!]!;
      const end = src.indexOf(close, i + 3);
      if (end < 0) fail();
      const words = src.slice(i + 3, end).split(/\s+/).filter((w) => w !== '');
      out.push({ k: 'op', v: '[', line });
      words.forEach((w, n) => { if (n > 0) out.push({ k: 'op', v: ',', line }); out.push({ k: 'str', v: w, line }); });
      out.push({ k: 'op', v: ']', line });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1; let v = '';
      while (j < src.length && src[j] !== "'") { if (src[j] === '\\' && (src[j + 1] === "'" || src[j + 1] === '\\')) j++; v += src[j++]; }
      out.push({ k: 'str', v, line }); i = j + 1; continue;
    }
    if (c === '"') {
      const parts: (string | Tok[])[] = [];
      let j = i + 1; let v = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') { const e = src[j + 1]!; v += ({ n: '\n', t: '\t', s: ' ', '0': '\0' } as Record<string, string>)[e] ?? e; j += 2; continue; }
        if (src[j] === '#' && src[j + 1] === '{') {
          let depth = 1; let k = j + 2;
          while (k < src.length && depth) { if (src[k] === '{') depth++; else if (src[k] === '}') depth--; k++; }
          if (v) parts.push(v); v = '';
          parts.push([...lexRuby(src.slice(j + 2, k - 1), file, line), { k: 'eof', v: '', line }]);
          j = k; continue;
        }
        v += src[j++];
      }
      if (v || parts.length === 0) parts.push(v);
      out.push({ k: 'dstr', v: '', parts, line }); i = j + 1; continue;
    }
    // A regexp where a value starts: at the start, after an operator or newline, or after a keyword (`if /x/.match(s)`).
    const prev = out.at(-1);
    if (c === '/' && (!prev || (['op', 'nl'].includes(prev.k) && ![')', ']', '}'].includes(prev.v)) || (prev.k === 'id' && REGEXP_KEYWORDS.has(prev.v)))) {
      let j = i + 1; let v = '';
      while (j < src.length && src[j] !== '/') { if (src[j] === '\\') v += src[j++]; v += src[j++]; }
      // Options after the closing slash: `i`, `m` (Ruby's: the dot matches a newline), `x` is left to Puppet.
      const opts = /^[imx]*/.exec(src.slice(j + 1))![0];
      if (opts.includes('x')) fail();
      out.push({ k: 'regex', v, line, flags: (opts.includes('i') ? 'i' : '') + (opts.includes('m') ? 's' : '') }); i = j + 1 + opts.length; continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op) fail();
    out.push({ k: 'op', v: op!, line }); i += op!.length;
  }
  return out;
}

class RubyParser {
  private i = 0;
  /** Locals assigned so far in the source: Ruby knows them from there on (nil until assigned: `rescue => e` may skip an assignment). */
  constructor(private readonly toks: Tok[], private readonly file: string, private readonly assigned = new Set<string>()) {}

  private peek(n = 0): Tok { return this.toks[Math.min(this.i + n, this.toks.length - 1)]!; }
  private is(k: Tok['k'], v?: string): boolean { const t = this.peek(); return t.k === k && (v === undefined || t.v === v); }
  private isId(v: string): boolean { return this.is('id', v); }
  private take(): Tok { return this.toks[this.i++]!; }
  private fail(): never {
    const t = this.peek();
    throw new UnsupportedError(`${this.file}: unsupported Ruby in template at '${t.v || t.k}'`, { file: this.file, line: t.line, column: 0 }, 'plain');
  }
  private expect(k: Tok['k'], v?: string): Tok { if (!this.is(k, v)) this.fail(); return this.take(); }
  private skipNl(): void { while (this.is('nl') || this.is('op', ';')) this.i++; }

  statements(stop: string[]): Node[] {
    const out: Node[] = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.k === 'eof' ? stop.includes('eof') : t.k === 'id' && stop.includes(t.v)) return out;
      if (t.k === 'op' && t.v === '}' && stop.includes('}')) return out;
      if (t.k === 'eof') this.fail();
      out.push(this.statement());
    }
  }

  private statement(): Node {
    const t = this.peek();
    if (t.k === 'text') { this.i++; return { t: 'text', v: t.v }; }
    if (t.k === 'out') {
      this.i++;
      const s = this.modifiers({ t: 'out', e: this.expr() });
      this.expect('end_out');
      return s;
    }
    if (t.k === 'id' && t.v === 'def') return this.defStmt();
    if (t.k === 'id' && t.v === 'next') {
      this.i++;
      const bare = this.is('nl') || this.is('eof') || this.is('op', ';') || this.isId('if') || this.isId('unless') || this.isId('end') || this.is('text');
      return this.modifiers(bare ? { t: 'next' } : { t: 'next', e: this.expr() });
    }
    if (t.k === 'id' && t.v === 'case') return this.modifiers(this.caseStmt());
    if (t.k === 'id' && t.v === 'begin') return this.modifiers(this.beginStmt());
    // `require 'ipaddr'`: what templates require is loaded in Puppet already (only ipaddr is known here).
    if (t.k === 'id' && t.v === 'require' && this.peek(1).k === 'str' && this.peek(1).v === 'ipaddr') { this.i += 2; return { t: 'lit', v: true }; }
    return this.modifiers(t.k === 'id' && (t.v === 'if' || t.v === 'unless') ? this.ifStmt() : this.expr());
  }

  /** `def name(a, b) … end`: a helper method of the template (no default or splat parameters). */
  private defStmt(): Node {
    this.i++;
    const name = this.expect('id').v;
    const params: string[] = [];
    if (this.is('op', '(')) {
      this.i++;
      while (!this.is('op', ')')) { params.push(this.expect('id').v); if (!this.is('op', ')')) this.expect('op', ','); }
      this.i++;
    }
    const body = this.statements(['end']);
    this.expect('id', 'end');
    return { t: 'def', name, params, body };
  }

  /** `case x when a, b [then] … else … end`. */
  private caseStmt(): Node {
    this.i++;
    const subject = this.expr();
    this.skipNl();
    const whens: { values: Node[]; body: Node[] }[] = [];
    while (this.isId('when')) {
      this.i++;
      const values = [this.expr()];
      while (this.is('op', ',')) { this.i++; values.push(this.expr()); }
      if (this.isId('then')) this.i++;
      whens.push({ values, body: this.statements(['when', 'else', 'end']) });
    }
    let els: Node[] = [];
    if (this.isId('else')) { this.i++; els = this.statements(['end']); }
    this.expect('id', 'end');
    return { t: 'case', subject, whens, else: els };
  }

  /** `begin … rescue [Class, …] [=> e] … [else …] [ensure …] end`. */
  private beginStmt(): Node {
    this.i++;
    const body = this.statements(['rescue', 'else', 'ensure', 'end']);
    const rescues: Rescue[] = [];
    while (this.isId('rescue')) {
      this.i++;
      const classes: string[] = [];
      while (this.is('id') && /^[A-Z]/.test(this.peek().v)) {
        let name = this.take().v;
        while (this.is('op', '::')) { this.i++; name += `::${this.expect('id').v}`; }
        classes.push(name);
        if (this.is('op', ',')) this.i++;
      }
      let name: string | undefined;
      if (this.is('op', '=>')) { this.i++; name = this.expect('id').v; this.assigned.add(name); }
      if (this.isId('then')) this.i++;
      rescues.push({ classes, ...(name ? { name } : {}), body: this.statements(['rescue', 'else', 'ensure', 'end']) });
    }
    let els: Node[] = [];
    if (this.isId('else')) { this.i++; els = this.statements(['ensure', 'end']); }
    let ensure: Node[] = [];
    if (this.isId('ensure')) { this.i++; ensure = this.statements(['end']); }
    this.expect('id', 'end');
    return { t: 'begin', body, rescues, else: els, ensure };
  }

  /** `stmt if cond` / `stmt unless cond`. */
  private modifiers(s: Node): Node {
    while (this.isId('if') || this.isId('unless')) {
      const negate = this.take().v === 'unless';
      s = { t: 'if', c: this.expr(), then: [s], else: [], negate };
    }
    return s;
  }

  private ifStmt(): Node {
    const negate = this.take().v === 'unless';
    const c = this.expr();
    if (this.isId('then')) this.i++;
    const then = this.statements(['elsif', 'else', 'end']);
    let els: Node[] = [];
    if (this.isId('elsif')) { els = [this.ifStmt()]; return { t: 'if', c, then, else: els, negate }; }
    if (this.isId('else')) { this.i++; els = this.statements(['end']); }
    this.expect('id', 'end');
    return { t: 'if', c, then, else: els, negate };
  }

  expr(): Node {
    if (this.is('id') && this.peek(1).k === 'op' && (this.peek(1).v === '=' || this.peek(1).v === '||=')) {
      const name = this.take().v;
      this.assigned.add(name);
      const op = this.take().v;
      const e = this.expr();
      // `x ||= v`: a local Ruby has not assigned yet is nil.
      return { t: 'assign', name, e: op === '||=' ? { t: 'bin', op: '||', l: { t: 'local', name, orNil: true }, r: e } : e };
    }
    // `@x = v`: the template's own instance variable, which hides the Puppet variable from then on.
    if (this.is('ivar') && this.peek(1).k === 'op' && this.peek(1).v === '=') { const name = this.take().v; this.i++; return { t: 'ivarAssign', name, e: this.expr() }; }
    const e = this.ternary();
    // `h[k] = v`, `a[i] ||= v`.
    if (e.t === 'index' && e.args.length === 1 && (this.is('op', '=') || this.is('op', '||='))) {
      const op = this.take().v;
      const v = this.expr();
      return { t: 'indexAssign', recv: e.recv, key: e.args[0]!, e: op === '=' ? v : { t: 'bin', op: '||', l: e, r: v } };
    }
    return e;
  }

  private ternary(): Node {
    const c = this.binary(0);
    if (!this.is('op', '?')) return c;
    this.i++;
    const a = this.ternary();
    this.expect('op', ':');
    return { t: 'tern', c, a, b: this.ternary() };
  }

  private static readonly LEVELS = [['or'], ['and'], ['..', '...'], ['||'], ['&&'], ['<=>', '==', '!=', '=~', '!~'], ['<', '>', '<=', '>='], ['<<'], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Node {
    if (level >= RubyParser.LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      const op = (t.k === 'op' || (t.k === 'id' && (t.v === 'and' || t.v === 'or'))) && RubyParser.LEVELS[level]!.includes(t.v) ? t.v : undefined;
      if (!op) return l;
      this.i++;
      this.skipNl();
      const r = this.binary(level + 1);
      l = op === '..' || op === '...' ? { t: 'range', from: l, to: r, exclusive: op === '...' } : { t: 'bin', op: op === 'and' ? '&&' : op === 'or' ? '||' : op, l, r };
    }
  }

  private unary(): Node {
    if (this.is('op', '!') || this.isId('not')) { this.i++; return { t: 'not', e: this.unary() }; }
    if (this.is('op', '-')) { this.i++; return { t: 'neg', e: this.unary() }; }
    return this.postfix(this.primary());
  }

  private args(close: string): Node[] {
    const out: Node[] = [];
    this.skipNl();
    while (!this.is('op', close)) { out.push(this.expr()); this.skipNl(); if (!this.is('op', close)) { this.expect('op', ','); this.skipNl(); } }
    this.i++;
    return out;
  }

  /**
   * Arguments of a method called without parentheses (`k.include? "match"`):
   * only when a literal or instance variable follows on the same line, which
   * cannot continue the receiver's expression.
   */
  private commandArgs(line: number): Node[] {
    const t = this.peek();
    if (t.line !== line || !['str', 'dstr', 'num', 'sym', 'ivar'].includes(t.k)) return [];
    const out = [this.expr()];
    while (this.is('op', ',')) { this.i++; out.push(this.expr()); }
    return out;
  }

  private block(): Block | undefined {
    const brace = this.is('op', '{');
    if (!brace && !this.isId('do')) return undefined;
    this.i++;
    const params: string[] = [];
    if (this.is('op', '|')) {
      this.i++;
      while (!this.is('op', '|')) { if (this.is('op', '(') || this.is('op', ')') || this.is('op', ',')) { this.i++; continue; } params.push(this.expect('id').v); }
      this.i++;
    }
    const body = this.statements(brace ? ['}'] : ['end']);
    this.take();
    return { params, body };
  }

  private postfix(e: Node): Node {
    for (;;) {
      if (this.is('op', '.') || this.is('op', '::')) {
        this.i++;
        const nameTok = this.expect('id');
        const name = nameTok.v;
        const args = this.is('op', '(') && this.take() ? this.args(')') : this.commandArgs(nameTok.line);
        const block = this.block();
        e = { t: 'call', recv: e, name, args, ...(block ? { block } : {}) };
        continue;
      }
      if (this.is('op', '[')) { this.i++; e = { t: 'index', recv: e, args: this.args(']') }; continue; }
      return e;
    }
  }

  private primary(): Node {
    const t = this.take();
    switch (t.k) {
      case 'str': return { t: 'lit', v: t.v };
      case 'sym': return { t: 'lit', v: t.v };
      case 'num': return { t: 'lit', v: Number(t.v) };
      case 'regex': return { t: 'lit', v: new RegExp(t.v, t.flags) };
      case 'dstr': return {
        t: 'dstr',
        parts: (t.parts ?? []).map((p) => (typeof p === 'string' ? p : (() => { const sub = new RubyParser(p, this.file, this.assigned); const e = sub.expr(); return e; })())),
      };
      case 'ivar': return { t: 'ivar', name: t.v };
      case 'gvar': return { t: 'nthref', n: Number(t.v) };
      case 'id':
        if (t.v === 'nil') return { t: 'lit', v: undefined };
        // `if`/`unless` as an expression: `<%= if @x then 'a' end %>`.
        if (t.v === 'if' || t.v === 'unless') { this.i--; return this.ifStmt(); }
        if (t.v === 'true' || t.v === 'false') return { t: 'lit', v: t.v === 'true' };
        if (this.is('op', '(')) { this.i++; return { t: 'call', recv: undefined, name: t.v, args: this.args(')') }; }
        return this.assigned.has(t.v) ? { t: 'local', name: t.v, orNil: true } : { t: 'local', name: t.v };
      case 'op':
        if (t.v === '(') { const e = this.expr(); this.expect('op', ')'); return e; }
        if (t.v === '[') return { t: 'array', items: this.args(']') };
        if (t.v === '{') {
          const entries: [Node, Node][] = [];
          this.skipNl();
          while (!this.is('op', '}')) {
            const k = this.expr();
            this.expect('op', '=>');
            entries.push([k, this.expr()]);
            this.skipNl();
            if (!this.is('op', '}')) { this.expect('op', ','); this.skipNl(); }
          }
          this.i++;
          return { t: 'hash', entries };
        }
        break;
      default:
    }
    this.i--;
    return this.fail();
  }
}

/** Ruby's `to_s`: what `<%= %>` writes. */
function rubyToS(v: Value): string {
  if (v === undefined) return '';
  if (v instanceof MatchData) return v.groups[0] ?? '';
  if (v instanceof RubyRange) return `${v.from}${v.exclusive ? '...' : '..'}${v.to}`;
  if ((v as unknown) instanceof RubyException) return (v as unknown as RubyException).message;
  if (isArray(v) || isHash(v)) return rubyInspect(v);
  return toStr(v);
}

const truthy = (v: Value): boolean => v !== undefined && v !== false;

class RubyEvaluator {
  /** How many blocks are running: `next` ends the innermost. */
  private blockDepth = 0;

  /** Instance variables the template assigns (`@x = …`), read before the Puppet variables of that name. */
  private readonly ivars = new Map<string, Value>();

  /** `$~`: the last match of `=~` or `match` (`$1` reads its groups); each method (`def`) has its own. */
  private lastMatch: MatchData | undefined;

  /** Methods the template defines with `def`, callable from anywhere after their definition. */
  private readonly methods = new Map<string, Extract<Node, { t: 'def' }>>();

  constructor(private readonly ctx: ErbContext, private readonly file: string, private readonly out: string[]) {}

  private fail(msg: string): never {
    throw new PuppetError(`${this.file}: ${msg}`, { file: this.file, line: 0, column: 0 }, 'plain');
  }

  /** What Ruby has but this subset of it does not (an unknown method may well exist in Ruby). */
  private unsupported(msg: string): never {
    throw new UnsupportedError(`${this.file}: ${msg}`, { file: this.file, line: 0, column: 0 }, 'plain');
  }

  block(body: Node[], locals: Map<string, Value>): Value {
    let last: Value;
    for (const n of body) last = this.eval(n, locals);
    return last;
  }

  /**
   * Ruby's `<<`, `delete`, `[]=`, `compact!` change an Array or Hash in
   * place, and every reference to it sees the change: a resource's parameter
   * too (apache's `_scriptalias.erb` appends to `@scriptaliases`, and Puppet's
   * catalog shows it). So does this template — except on values shared
   * beyond this compile (hiera data, cached with the code): changing those
   * is left to real Puppet.
   */
  private mutable<T extends Value>(v: T): T {
    if (isSharedValue(v)) return this.unsupported(`a change to ${rubyInspect(v)}, which is shared beyond this compile (hiera data)`);
    return v;
  }

  eval(n: Node, locals: Map<string, Value>): Value {
    this.ctx.step();
    switch (n.t) {
      case 'text': this.out.push(n.v); return undefined;
      case 'out': this.out.push(rubyToS(this.eval(n.e, locals))); return undefined;
      case 'lit': return n.v;
      case 'dstr': return n.parts.map((p) => (typeof p === 'string' ? p : rubyToS(this.eval(p, locals)))).join('');
      case 'ivar': return this.ivars.has(n.name) ? this.ivars.get(n.name) : this.ctx.variable(n.name);
      case 'ivarAssign': { const v = this.eval(n.e, locals); this.ivars.set(n.name, v); return v; }
      case 'local':
        if (locals.has(n.name) || n.orNil) return locals.get(n.name);
        if (n.name === 'scope') return SCOPE;
        if (this.methods.has(n.name)) return this.callDefined(n.name, []);
        // Unknown here, but possibly Ruby this subset does not model (a constant, a Kernel method).
        return this.unsupported(`undefined local variable or method \`${n.name}'`);
      case 'array': return n.items.map((x) => this.eval(x, locals));
      case 'hash': return new Map(n.entries.map(([k, v]) => [this.eval(k, locals), this.eval(v, locals)]));
      case 'indexAssign': {
        const h = this.eval(n.recv, locals);
        const key = this.eval(n.key, locals);
        const v = this.eval(n.e, locals);
        if (isHash(h)) (this.mutable(h) as Map<Value, Value>).set(key, v);
        else if (isArray(h) && Number.isInteger(key) && (key as number) >= 0 && (key as number) <= h.length) (this.mutable(h) as Value[])[key as number] = v;
        else return this.unsupported(`[]= on ${rubyInspect(h)}`);
        return v;
      }
      case 'index': {
        const r = this.eval(n.recv, locals);
        const a = n.args.map((x) => this.eval(x, locals));
        if (r === SCOPE) return this.ctx.variable(String(a[0]).replace(/^::/, ''));
        const list = r instanceof MatchData ? r.groups : isArray(r) ? r : undefined;
        if (list && a[0] instanceof RubyRange) return sliceByRange(list, a[0]);
        if (list) { const i = Number(a[0]); return list[i < 0 ? list.length + i : i]; }
        if (isHash(r)) return r.get(a[0]);
        if (typeof r === 'string') return r[Number(a[0])];
        return this.fail(`undefined method \`[]' for nil`);
      }
      case 'not': return !this.test(n.e, locals);
      case 'neg': return -Number(this.eval(n.e, locals));
      case 'tern': return this.test(n.c, locals) ? this.eval(n.a, locals) : this.eval(n.b, locals);
      case 'assign': { const v = this.eval(n.e, locals); locals.set(n.name, v); return v; }
      case 'if': return this.test(n.c, locals) !== n.negate ? this.block(n.then, locals) : this.block(n.else, locals);
      case 'case': {
        const v = this.eval(n.subject, locals);
        const hit = n.whens.find((w) => w.values.some((x) => this.caseMatches(x, v, locals)));
        return this.block(hit ? hit.body : n.else, locals);
      }
      case 'def': this.methods.set(n.name, n); return n.name;
      case 'next':
        if (this.blockDepth === 0) return this.unsupported('next outside a block');
        throw new NextSignal(n.e ? this.eval(n.e, locals) : undefined);
      case 'bin': return this.binary(n, locals);
      case 'call': return this.call(n, locals);
      case 'nthref': return this.lastMatch?.groups[n.n];
      case 'range': {
        const [from, to] = [this.eval(n.from, locals), this.eval(n.to, locals)];
        if (!Number.isInteger(from) || !Number.isInteger(to)) return this.unsupported('a range of other than Integers');
        return asValue(new RubyRange(from as number, to as number, n.exclusive));
      }
      case 'begin': return this.beginBlock(n, locals);
    }
  }

  /** `begin … rescue … end`: Ruby exceptions of the classes a `rescue` names (none: any StandardError) run its body. */
  private beginBlock(n: Extract<Node, { t: 'begin' }>, locals: Map<string, Value>): Value {
    try {
      const v = this.block(n.body, locals);
      return n.else.length ? this.block(n.else, locals) : v;
    } catch (e) {
      if (!(e instanceof RubyException)) throw e;
      const rescue = n.rescues.find((r) => (r.classes.length ? r.classes : ['StandardError']).some((c) => e.ancestors.includes(c)));
      if (!rescue) throw e;
      if (rescue.name) locals.set(rescue.name, asValue(e));
      return this.block(rescue.body, locals);
    } finally {
      if (n.ensure.length) this.block(n.ensure, locals);
    }
  }

  /** `re.match(s)` / `s.match(re)` / `s.match('pattern')`: the MatchData or nil, remembered as `$~`. */
  private matchOf(recv: Value, arg: Value): Value {
    const [str, pat] = recv instanceof RegExp ? [arg, recv] : [recv, arg];
    const re = pat instanceof RegExp ? pat : typeof pat === 'string' && typeof recv === 'string' ? toRegExp(pat) : undefined;
    // Regexp#match(nil) is nil; String#match(nil) raises.
    if (!re || (typeof str !== 'string' && !(str === undefined && recv instanceof RegExp))) return this.unsupported('match on other than a String and a Regexp');
    const m = str === undefined ? null : re.exec(str);
    this.lastMatch = m ? MatchData.of(m) : undefined;
    return this.lastMatch ? asValue(this.lastMatch) : undefined;
  }

  private binary(n: Extract<Node, { t: 'bin' }>, locals: Map<string, Value>): Value {
    if (n.op === '&&') { const l = this.eval(n.l, locals); return truthy(l) ? this.eval(n.r, locals) : l; }
    if (n.op === '||') { const l = this.eval(n.l, locals); return truthy(l) ? l : this.eval(n.r, locals); }
    const a = this.eval(n.l, locals);
    const b = this.eval(n.r, locals);
    switch (n.op) {
      case '==': return rubyEq(a, b);
      case '!=': return !rubyEq(a, b);
      case '=~': case '!~': {
        // Either order, as Ruby's String#=~ and Regexp#=~: where the match starts, or nil (never for nil).
        const [str, re] = a instanceof RegExp ? [b, a] : [a, b];
        let at: number | undefined;
        if (typeof str === 'string' && re instanceof RegExp) {
          const m = re.exec(str);
          this.lastMatch = m ? MatchData.of(m) : undefined;
          at = m?.index;
        }
        return n.op === '=~' ? at : at === undefined;
      }
      case '<=>': return rubyCompare(a, b);
      case '<': return (a as number) < (b as number);
      case '>': return (a as number) > (b as number);
      case '<=': return (a as number) <= (b as number);
      case '>=': return (a as number) >= (b as number);
      case '+':
        if (isArray(a) && isArray(b)) { this.ctx.collection(a.length + b.length); return [...a, ...b]; }
        if (typeof a === 'string' && typeof b === 'string') { this.ctx.string(a.length + b.length); return a + b; }
        if (typeof a === 'number' && typeof b === 'number') return a + b;
        return this.fail(`no implicit conversion for + (${rubyInspect(a)} + ${rubyInspect(b)})`);
      case '-': return (a as number) - (b as number);
      case '*':
        if (typeof a !== 'string') return (a as number) * (b as number);
        this.ctx.string(a.length * Number(b));
        return a.repeat(Number(b));
      case '/': return Number.isInteger(a) && Number.isInteger(b) ? Math.floor((a as number) / (b as number)) : (a as number) / (b as number);
      case '%': return (((a as number) % (b as number)) + (b as number)) % (b as number);
      case '<<': {
        // Integer#<< shifts (multiplied: JS shifts are 32-bit).
        if (Number.isInteger(a) && Number.isInteger(b)) return (a as number) * 2 ** (b as number);
        if (isArray(a)) { this.ctx.collection(a.length + 1); (this.mutable(a) as Value[]).push(b); return a; }
        const [x, y] = [toStr(a), toStr(b)];
        this.ctx.string(x.length + y.length);
        return this.appendedTo(n.l, x + y, locals);
      }
      default: return this.unsupported(`unsupported operator ${n.op}`);
    }
  }

  /**
   * `s << y` changes the String `s`, a value here: only through the local
   * variable holding it, so a String anywhere else (`@var << 'x'`) is left
   * to real Puppet.
   */
  private appendedTo(target: Node, appended: string, locals: Map<string, Value>): Value {
    if (target.t === 'local' && locals.has(target.name)) locals.set(target.name, appended);
    else if (target.t !== 'lit' && target.t !== 'dstr' && target.t !== 'bin') return this.unsupported('<< on a String that is not in a local variable');
    return appended;
  }

  /**
   * A condition's truth. `re.match(s)` / `s.match(re)` is answered here only,
   * as whether it matched: the MatchData it gives Ruby is not modelled, so
   * anywhere else (`md = /x/.match(s)`) it is left to real Puppet.
   */
  private test(n: Node, locals: Map<string, Value>): boolean {
    if (n.t === 'not') return !this.test(n.e, locals);
    if (n.t === 'bin' && n.op === '&&') return this.test(n.l, locals) && this.test(n.r, locals);
    if (n.t === 'bin' && n.op === '||') return this.test(n.l, locals) || this.test(n.r, locals);
    return truthy(this.eval(n, locals));
  }

  /** Ruby's `when` (`===`): a class name matches its instances, a regexp matching strings, anything else by `==`. */
  private caseMatches(x: Node, v: Value, locals: Map<string, Value>): boolean {
    if (x.t === 'local' && /^[A-Z]/.test(x.name)) {
      const is = ({ Array: isArray(v), Hash: isHash(v), String: typeof v === 'string', Integer: Number.isInteger(v), Numeric: typeof v === 'number', NilClass: v === undefined, TrueClass: v === true, FalseClass: v === false } as Record<string, boolean>)[x.name];
      return is ?? this.unsupported(`unsupported class in when: ${x.name}`);
    }
    const w = this.eval(x, locals);
    if (w instanceof RegExp) return typeof v === 'string' && w.test(v);
    return rubyEq(w, v);
  }

  /** Calls a method the template defined: its own scope (no outer locals), instance variables shared. */
  private callDefined(name: string, args: Value[]): Value {
    const def = this.methods.get(name)!;
    if (args.length !== def.params.length) return this.fail(`wrong number of arguments (given ${args.length}, expected ${def.params.length})`);
    const saved = this.lastMatch;
    this.lastMatch = undefined;
    try {
      return this.block(def.body, new Map(def.params.map((p, i) => [p, args[i]])));
    } finally {
      this.lastMatch = saved;
    }
  }

  private yieldTo(b: Block | undefined, locals: Map<string, Value>, args: Value[]): Value {
    if (!b) return this.fail('a block is required');
    const inner = new Map(locals);
    // `|k, v|` destructures one array argument, as Ruby does for hash pairs.
    const spread = b.params.length > 1 && args.length === 1 && isArray(args[0]) ? [...args[0]] : args;
    b.params.forEach((p, i) => inner.set(p, spread[i]));
    this.blockDepth++;
    try {
      return this.block(b.body, inner);
    } catch (e) {
      if (e instanceof NextSignal) return e.value;
      throw e;
    } finally {
      this.blockDepth--;
    }
  }

  /** `h.delete(k)` / `a.delete(x)`, in place: answers the removed value (nil when none). */
  private deleteFrom(r: Value, key: Value): Value {
    if (isHash(r)) {
      const v = r.get(key);
      (this.mutable(r) as Map<Value, Value>).delete(key);
      return v;
    }
    if (isArray(r)) {
      const found = r.some((x) => rubyEq(x, key));
      if (found) replaceAll(this.mutable(r), r.filter((x) => !rubyEq(x, key)));
      return found ? key : undefined;
    }
    return this.unsupported(`undefined method \`delete' for ${rubyInspect(r)}`);
  }

  private call(n: Extract<Node, { t: 'call' }>, locals: Map<string, Value>): Value {
    // `is_a?(Hash)` names a class, which is no value here.
    const args = n.name === 'is_a?' || n.name === 'kind_of?' ? [] : n.args.map((x) => this.eval(x, locals));
    if (n.recv?.t === 'local' && n.recv.name === 'IPAddr' && !locals.has('IPAddr')) {
      // Only validation (`IPAddr.new(x)` in `begin … rescue`): the address object itself is not modelled.
      if (n.name !== 'new' || args.length !== 1 || ipAddrNew(args[0]) === 'unsupported') return this.unsupported(`IPAddr.${n.name}(${args.map(rubyInspect).join(', ')})`);
      return args[0];
    }
    if (n.recv === undefined) {
      if (n.name === 'Array') return args[0] === undefined ? [] : isArray(args[0]) ? args[0] : [args[0]];
      if (n.name === 'String' && args.length === 1) return rubyToS(args[0]);
      if (n.name === 'scope' && args.length === 0) return SCOPE;
      if (this.methods.has(n.name)) return this.callDefined(n.name, args);
      return this.unsupported(`undefined method \`${n.name}'`);
    }
    const r = this.eval(n.recv, locals);
    if (r === SCOPE) {
      if (n.name === 'lookupvar') return this.ctx.variable(String(args[0]).replace(/^::/, ''));
      if (n.name === 'setvar' && args.length === 2 && typeof args[0] === 'string' && !args[0].includes('::')) {
        return this.ctx.setVariable(args[0], args[1]) ? args[1] : this.unsupported(`setvar of '${args[0]}', which is set already`);
      }
      if (n.name === 'call_function') return this.ctx.callFunction(rubyToS(args[0]), isArray(args[1]) ? [...args[1]] : []);
      if (n.name.startsWith('function_')) return this.ctx.callFunction(n.name.slice(9), isArray(args[0]) ? [...args[0]] : []);
      return this.unsupported(`unsupported scope method ${n.name}`);
    }
    if (n.name === 'match' && args.length === 1 && !n.block) return this.matchOf(r, args[0]);
    if (r instanceof MatchData && (n.name === 'captures' || n.name === 'to_a')) return n.name === 'captures' ? r.groups.slice(1) : [...r.groups];
    if (r instanceof RubyRange) this.ctx.collection(r.size);
    const pairs = (h: PHash): Value[] => [...h].map(([k, v]): Value => [k, v]);
    const items = isArray(r) ? r : isHash(r) ? pairs(r) : r instanceof RubyRange ? r.toArray() : undefined;
    switch (n.name) {
      case 'nil?': return r === undefined;
      case 'to_s': return rubyToS(r);
      case 'to_i': return Number.parseInt(rubyToS(r), 10) || 0;
      case 'to_a': return items ?? (r === undefined ? [] : [r]);
      case 'inspect': return inspectObject(r) ?? rubyInspect(r);
      case 'is_a?': case 'kind_of?': {
        const want = n.args[0]?.t === 'local' ? n.args[0].name : '';
        return ({ Array: isArray(r), Hash: isHash(r), String: typeof r === 'string', Integer: Number.isInteger(r), Numeric: typeof r === 'number' } as Record<string, boolean>)[want] ?? false;
      }
      case 'empty?': return items ? items.length === 0 : r === '';
      case 'length': case 'size': case 'count': return items ? items.length : rubyToS(r).length;
      case 'include?': case 'member?': case 'key?': case 'has_key?':
        if (isHash(r)) return r.has(args[0]);
        return items ? items.some((x) => rubyEq(x, args[0])) : rubyToS(r).includes(rubyToS(args[0]));
      case 'delete': return this.deleteFrom(r, args[0]);
      case 'fetch':
        if (isHash(r) && (r.has(args[0]) || args.length === 2)) return r.has(args[0]) ? r.get(args[0]) : args[1];
        return this.unsupported(`fetch of ${rubyInspect(args[0])} from ${rubyInspect(r)}`);
      case 'keys': return isHash(r) ? [...r.keys()] : this.fail('keys on a non-Hash');
      case 'values': return isHash(r) ? [...r.values()] : this.fail('values on a non-Hash');
      case 'zip': {
        const others = args.map((a) => (isArray(a) ? a : this.unsupported(`zip with ${rubyInspect(a)}`)));
        return (items ?? []).map((x, i): Value => [x, ...others.map((o) => o[i])]);
      }
      case 'first': return items?.[0];
      case 'last': return items?.[items.length - 1];
      case 'join': return (items ?? []).flat(Infinity as 1).map((x) => rubyToS(x as Value)).join(args[0] === undefined ? '' : rubyToS(args[0]));
      case 'sort':
        if (n.block) {
          const block = n.block;
          return [...(items ?? [])].sort((x, y) => {
            const c = this.yieldTo(block, locals, [x, y]);
            return typeof c === 'number' ? c : this.fail(`comparison of ${rubyInspect(x)} with ${rubyInspect(y)} failed`);
          });
        }
        return [...(items ?? [])].sort((a, b) => (rubyInspect(a) < rubyInspect(b) ? -1 : 1)).sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'string' && typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : 0));
      case 'uniq': return (items ?? []).filter((x, i, a) => a.findIndex((y) => rubyEq(x, y)) === i);
      case 'compact': return (items ?? []).filter((x) => x !== undefined);
      case 'flatten': return (items ?? []).flat(Infinity as 1) as Value[];
      case 'reverse': return items ? [...items].reverse() : [...rubyToS(r)].reverse().join('');
      case 'chars': return [...rubyToS(r)];
      case 'compact!': case 'flatten!': case 'uniq!': {
        // In place; nil when nothing changed, as Ruby answers.
        if (!isArray(r)) return this.unsupported(`${n.name} on ${rubyInspect(r)}`);
        const done: readonly Value[] = n.name === 'compact!' ? r.filter((x) => x !== undefined)
          : n.name === 'flatten!' ? r.flat(Infinity as 1) as Value[] : r.filter((x, i) => r.findIndex((y) => rubyEq(x, y)) === i);
        if (done.length === r.length && done.every((x, i) => x === r[i])) return undefined;
        replaceAll(this.mutable(r), done);
        return r;
      }
      case 'upcase': return rubyToS(r).toUpperCase();
      case 'downcase': return rubyToS(r).toLowerCase();
      case 'capitalize': { const s = rubyToS(r); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); }
      case 'strip': return rubyToS(r).trim();
      case 'chomp': return rubyToS(r).replace(/\r?\n$/, '');
      case 'split': { const s = rubyToS(r); const sep = args[0] === undefined ? /\s+/ : args[0] instanceof RegExp ? args[0] : rubyToS(args[0]); return (sep instanceof RegExp ? s.trim().split(sep) : s.split(sep)).filter((x, i, a) => !(x === '' && i === a.length - 1)); }
      case 'start_with?': return rubyToS(r).startsWith(rubyToS(args[0]));
      case 'end_with?': return rubyToS(r).endsWith(rubyToS(args[0]));
      case 'gsub': case 'sub': {
        const pat = args[0] instanceof RegExp ? new RegExp(args[0].source, n.name === 'gsub' ? 'g' : '') : args[0];
        const s = rubyToS(r);
        if (typeof pat === 'string') return n.name === 'gsub' ? s.split(pat).join(rubyToS(args[1])) : s.replace(pat, rubyToS(args[1]));
        return s.replace(pat as RegExp, rubyToS(args[1]).replace(/\\(\d)/g, '$$$1'));
      }
      case 'each': case 'each_pair': for (const x of items ?? []) this.yieldTo(n.block, locals, [x]); return r;
      case 'each_with_index': (items ?? []).forEach((x, i) => this.yieldTo(n.block, locals, [x, i])); return r;
      case 'map': case 'collect': return (items ?? []).map((x) => this.yieldTo(n.block, locals, [x]));
      case 'select': case 'filter': case 'reject': {
        const keep = (items ?? []).filter((x) => truthy(this.yieldTo(n.block, locals, [x])) === (n.name !== 'reject'));
        return isHash(r) ? new Map(keep.map((p) => [(p as Value[])[0], (p as Value[])[1]])) : keep;
      }
      case 'sort_by': {
        const keyed = (items ?? []).map((x) => [this.yieldTo(n.block, locals, [x]), x] as const);
        return keyed.sort((a, b) => rubyCompare(a[0], b[0]) ?? this.fail(`comparison of ${rubyInspect(a[0])} with ${rubyInspect(b[0])} failed`)).map(([, x]) => x);
      }
      case 'inject': case 'reduce': {
        // `inject(init) { |acc, x| … }`, or from the first element without an initial value.
        const list = items ?? [];
        let acc = args.length ? args[0] : list[0];
        for (const x of args.length ? list : list.slice(1)) acc = this.yieldTo(n.block, locals, [acc, x]);
        return acc;
      }
      case 'any?': return (items ?? []).some((x) => (n.block ? truthy(this.yieldTo(n.block, locals, [x])) : truthy(x)));
      case 'max': return (items ?? []).reduce((m, x) => ((x as number) > (m as number) ? x : m));
      case 'min': return (items ?? []).reduce((m, x) => ((x as number) < (m as number) ? x : m));
      default: return this.unsupported(`undefined method \`${n.name}' for ${rubyInspect(r)}`);
    }
  }
}

/** Replaces an Array's elements in place. */
function replaceAll(a: readonly Value[], items: readonly Value[]): void {
  (a as Value[]).splice(0, a.length, ...items);
}

/** The `scope` object templates use for lookups: a sentinel value only `scope[…]` and its methods accept. */
const SCOPE: Value = new Map([['__erb_scope__', true]]);

function rubyEq(a: Value, b: Value): boolean {
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => rubyEq(x, b[i]));
  return a === b;
}
