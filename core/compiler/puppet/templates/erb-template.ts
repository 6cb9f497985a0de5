import { PuppetError, UnsupportedError } from '../puppet-error.js';
import { isArray, isHash, rubyInspect, toStr, type PHash, type Value } from '../types/values.js';

/**
 * ERB templates (`template()`, `inline_template()`) for the Ruby that
 * Puppet templates commonly use: `@variables`, `scope['x']`, `if`/`unless`/
 * `elsif`/`else`, `each`/`each_with_index`/`each_pair` blocks, and common
 * String/Array/Hash methods. Trim mode `-` as Puppet uses it. Anything else
 * fails with a located error rather than rendering something wrong.
 */

type Tok = { k: 'text' | 'out' | 'end_out' | 'nl' | 'str' | 'dstr' | 'num' | 'ivar' | 'id' | 'sym' | 'op' | 'regex' | 'eof'; v: string; parts?: (string | Tok[])[]; line: number };

type Node =
  | { t: 'text'; v: string }
  | { t: 'out'; e: Node }
  | { t: 'lit'; v: Value }
  | { t: 'dstr'; parts: (string | Node)[] }
  | { t: 'ivar'; name: string }
  | { t: 'local'; name: string }
  | { t: 'array'; items: Node[] }
  | { t: 'hash'; entries: [Node, Node][] }
  | { t: 'call'; recv: Node | undefined; name: string; args: Node[]; block?: Block }
  | { t: 'index'; recv: Node; args: Node[] }
  | { t: 'not'; e: Node }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'tern'; c: Node; a: Node; b: Node }
  | { t: 'assign'; name: string; e: Node }
  | { t: 'if'; c: Node; then: Node[]; else: Node[]; negate: boolean };

interface Block { params: string[]; body: Node[] }

/** What a template can ask of the compile: variables and Puppet functions; and the compile's bounds it must keep. */
export interface ErbContext {
  variable(name: string): Value;
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
  new RubyEvaluator(ctx, file, out).block(body, new Map());
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

const OPS = ['**', '==', '!=', '=~', '<=', '>=', '&&', '||', '<<', '..', '::', '=>', '+=', '||=', '{', '}', '(', ')', '[', ']', ',', '.', '|', '?', ':', '!', '<', '>', '+', '-', '*', '/', '%', '=', ';'];

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
    if ((m = /^[a-zA-Z_]\w*[?!]?/.exec(rest))) { out.push({ k: 'id', v: m[0], line }); i += m[0].length; continue; }
    if ((m = /^\d+(\.\d+)?/.exec(rest))) { out.push({ k: 'num', v: m[0], line }); i += m[0].length; continue; }
    if ((m = /^:([a-zA-Z_]\w*)/.exec(rest)) && !(out.at(-1)?.k === 'op' && out.at(-1)?.v === '?')) { out.push({ k: 'sym', v: m[1]!, line }); i += m[0].length; continue; }
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
    if (c === '/' && (out.length === 0 || ['op', 'nl'].includes(out.at(-1)!.k) && ![')', ']', '}'].includes(out.at(-1)!.v))) {
      let j = i + 1; let v = '';
      while (j < src.length && src[j] !== '/') { if (src[j] === '\\') v += src[j++]; v += src[j++]; }
      out.push({ k: 'regex', v, line }); i = j + 1; continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op) fail();
    out.push({ k: 'op', v: op!, line }); i += op!.length;
  }
  return out;
}

class RubyParser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly file: string) {}

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
    return this.modifiers(t.k === 'id' && (t.v === 'if' || t.v === 'unless') ? this.ifStmt() : this.expr());
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
      const op = this.take().v;
      const e = this.expr();
      return { t: 'assign', name, e: op === '||=' ? { t: 'bin', op: '||', l: { t: 'local', name }, r: e } : e };
    }
    return this.ternary();
  }

  private ternary(): Node {
    const c = this.binary(0);
    if (!this.is('op', '?')) return c;
    this.i++;
    const a = this.ternary();
    this.expect('op', ':');
    return { t: 'tern', c, a, b: this.ternary() };
  }

  private static readonly LEVELS = [['or'], ['and'], ['||'], ['&&'], ['==', '!=', '=~'], ['<', '>', '<=', '>='], ['<<'], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Node {
    if (level >= RubyParser.LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      const op = (t.k === 'op' || (t.k === 'id' && (t.v === 'and' || t.v === 'or'))) && RubyParser.LEVELS[level]!.includes(t.v) ? t.v : undefined;
      if (!op) return l;
      this.i++;
      this.skipNl();
      l = { t: 'bin', op: op === 'and' ? '&&' : op === 'or' ? '||' : op, l, r: this.binary(level + 1) };
    }
  }

  private unary(): Node {
    if (this.is('op', '!') || this.isId('not')) { this.i++; return { t: 'not', e: this.unary() }; }
    if (this.is('op', '-')) { this.i++; return { t: 'neg', e: this.unary() }; }
    return this.postfix(this.primary());
  }

  private args(close: string): Node[] {
    const out: Node[] = [];
    while (!this.is('op', close)) { out.push(this.expr()); if (!this.is('op', close)) this.expect('op', ','); }
    this.i++;
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
        const name = this.expect('id').v;
        const args = this.is('op', '(') && this.take() ? this.args(')') : [];
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
      case 'regex': return { t: 'lit', v: new RegExp(t.v) };
      case 'dstr': return {
        t: 'dstr',
        parts: (t.parts ?? []).map((p) => (typeof p === 'string' ? p : (() => { const sub = new RubyParser(p, this.file); const e = sub.expr(); return e; })())),
      };
      case 'ivar': return { t: 'ivar', name: t.v };
      case 'id':
        if (t.v === 'nil') return { t: 'lit', v: undefined };
        if (t.v === 'true' || t.v === 'false') return { t: 'lit', v: t.v === 'true' };
        if (this.is('op', '(')) { this.i++; return { t: 'call', recv: undefined, name: t.v, args: this.args(')') }; }
        return { t: 'local', name: t.v };
      case 'op':
        if (t.v === '(') { const e = this.expr(); this.expect('op', ')'); return e; }
        if (t.v === '[') return { t: 'array', items: this.args(']') };
        if (t.v === '{') {
          const entries: [Node, Node][] = [];
          while (!this.is('op', '}')) { const k = this.expr(); this.expect('op', '=>'); entries.push([k, this.expr()]); if (!this.is('op', '}')) this.expect('op', ','); }
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
  if (isArray(v) || isHash(v)) return rubyInspect(v);
  return toStr(v);
}

const truthy = (v: Value): boolean => v !== undefined && v !== false;

class RubyEvaluator {
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

  eval(n: Node, locals: Map<string, Value>): Value {
    this.ctx.step();
    switch (n.t) {
      case 'text': this.out.push(n.v); return undefined;
      case 'out': this.out.push(rubyToS(this.eval(n.e, locals))); return undefined;
      case 'lit': return n.v;
      case 'dstr': return n.parts.map((p) => (typeof p === 'string' ? p : rubyToS(this.eval(p, locals)))).join('');
      case 'ivar': return this.ctx.variable(n.name);
      case 'local':
        if (locals.has(n.name)) return locals.get(n.name);
        if (n.name === 'scope') return SCOPE;
        return this.fail(`undefined local variable or method \`${n.name}'`);
      case 'array': return n.items.map((x) => this.eval(x, locals));
      case 'hash': return new Map(n.entries.map(([k, v]) => [this.eval(k, locals), this.eval(v, locals)]));
      case 'index': {
        const r = this.eval(n.recv, locals);
        const a = n.args.map((x) => this.eval(x, locals));
        if (r === SCOPE) return this.ctx.variable(String(a[0]).replace(/^::/, ''));
        if (isArray(r)) { const i = Number(a[0]); return r[i < 0 ? r.length + i : i]; }
        if (isHash(r)) return r.get(a[0]);
        if (typeof r === 'string') return r[Number(a[0])];
        return this.fail(`undefined method \`[]' for nil`);
      }
      case 'not': return !truthy(this.eval(n.e, locals));
      case 'neg': return -Number(this.eval(n.e, locals));
      case 'tern': return truthy(this.eval(n.c, locals)) ? this.eval(n.a, locals) : this.eval(n.b, locals);
      case 'assign': { const v = this.eval(n.e, locals); locals.set(n.name, v); return v; }
      case 'if': return truthy(this.eval(n.c, locals)) !== n.negate ? this.block(n.then, locals) : this.block(n.else, locals);
      case 'bin': return this.binary(n, locals);
      case 'call': return this.call(n, locals);
    }
  }

  private binary(n: Extract<Node, { t: 'bin' }>, locals: Map<string, Value>): Value {
    if (n.op === '&&') { const l = this.eval(n.l, locals); return truthy(l) ? this.eval(n.r, locals) : l; }
    if (n.op === '||') { const l = this.eval(n.l, locals); return truthy(l) ? l : this.eval(n.r, locals); }
    const a = this.eval(n.l, locals);
    const b = this.eval(n.r, locals);
    switch (n.op) {
      case '==': return rubyEq(a, b);
      case '!=': return !rubyEq(a, b);
      case '=~': return typeof a === 'string' && b instanceof RegExp && b.test(a);
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
        if (isArray(a)) { this.ctx.collection(a.length + 1); return [...a, b]; }
        const [x, y] = [toStr(a), toStr(b)];
        this.ctx.string(x.length + y.length);
        return x + y;
      }
      default: return this.unsupported(`unsupported operator ${n.op}`);
    }
  }

  private yieldTo(b: Block | undefined, locals: Map<string, Value>, args: Value[]): Value {
    if (!b) return this.fail('a block is required');
    const inner = new Map(locals);
    // `|k, v|` destructures one array argument, as Ruby does for hash pairs.
    const spread = b.params.length > 1 && args.length === 1 && isArray(args[0]) ? [...args[0]] : args;
    b.params.forEach((p, i) => inner.set(p, spread[i]));
    return this.block(b.body, inner);
  }

  private call(n: Extract<Node, { t: 'call' }>, locals: Map<string, Value>): Value {
    const args = n.args.map((x) => this.eval(x, locals));
    if (n.recv === undefined) {
      if (n.name === 'Array') return args[0] === undefined ? [] : isArray(args[0]) ? args[0] : [args[0]];
      if (n.name === 'scope' && args.length === 0) return SCOPE;
      return this.unsupported(`undefined method \`${n.name}'`);
    }
    const r = this.eval(n.recv, locals);
    if (r === SCOPE) {
      if (n.name === 'lookupvar') return this.ctx.variable(String(args[0]).replace(/^::/, ''));
      if (n.name === 'call_function') return this.ctx.callFunction(rubyToS(args[0]), isArray(args[1]) ? [...args[1]] : []);
      if (n.name.startsWith('function_')) return this.ctx.callFunction(n.name.slice(9), isArray(args[0]) ? [...args[0]] : []);
      return this.unsupported(`unsupported scope method ${n.name}`);
    }
    const pairs = (h: PHash): Value[] => [...h].map(([k, v]): Value => [k, v]);
    const items = isArray(r) ? r : isHash(r) ? pairs(r) : undefined;
    switch (n.name) {
      case 'nil?': return r === undefined;
      case 'to_s': return rubyToS(r);
      case 'to_i': return Number.parseInt(rubyToS(r), 10) || 0;
      case 'to_a': return items ?? (r === undefined ? [] : [r]);
      case 'inspect': return rubyInspect(r);
      case 'is_a?': case 'kind_of?': {
        const want = n.args[0]?.t === 'local' ? n.args[0].name : '';
        return ({ Array: isArray(r), Hash: isHash(r), String: typeof r === 'string', Integer: Number.isInteger(r), Numeric: typeof r === 'number' } as Record<string, boolean>)[want] ?? false;
      }
      case 'empty?': return items ? items.length === 0 : r === '';
      case 'length': case 'size': case 'count': return items ? items.length : rubyToS(r).length;
      case 'include?': case 'member?': case 'key?': case 'has_key?':
        if (isHash(r)) return r.has(args[0]);
        return items ? items.some((x) => rubyEq(x, args[0])) : rubyToS(r).includes(rubyToS(args[0]));
      case 'keys': return isHash(r) ? [...r.keys()] : this.fail('keys on a non-Hash');
      case 'values': return isHash(r) ? [...r.values()] : this.fail('values on a non-Hash');
      case 'first': return items?.[0];
      case 'last': return items?.[items.length - 1];
      case 'join': return (items ?? []).flat(Infinity as 1).map((x) => rubyToS(x as Value)).join(args[0] === undefined ? '' : rubyToS(args[0]));
      case 'sort': return [...(items ?? [])].sort((a, b) => (rubyInspect(a) < rubyInspect(b) ? -1 : 1)).sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'string' && typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : 0));
      case 'uniq': return (items ?? []).filter((x, i, a) => a.findIndex((y) => rubyEq(x, y)) === i);
      case 'compact': return (items ?? []).filter((x) => x !== undefined);
      case 'flatten': return (items ?? []).flat(Infinity as 1) as Value[];
      case 'reverse': return items ? [...items].reverse() : [...rubyToS(r)].reverse().join('');
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
      case 'sort_by': return [...(items ?? [])].map((x) => [this.yieldTo(n.block, locals, [x]), x] as const).sort((a, b) => (rubyToS(a[0]) < rubyToS(b[0]) ? -1 : 1)).map(([, x]) => x);
      case 'any?': return (items ?? []).some((x) => (n.block ? truthy(this.yieldTo(n.block, locals, [x])) : truthy(x)));
      case 'max': return (items ?? []).reduce((m, x) => ((x as number) > (m as number) ? x : m));
      case 'min': return (items ?? []).reduce((m, x) => ((x as number) < (m as number) ? x : m));
      default: return this.unsupported(`undefined method \`${n.name}' for ${rubyInspect(r)}`);
    }
  }
}

/** The `scope` object templates use for lookups: a sentinel value only `scope[…]` and its methods accept. */
const SCOPE: Value = new Map([['__erb_scope__', true]]);

function rubyEq(a: Value, b: Value): boolean {
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => rubyEq(x, b[i]));
  return a === b;
}
