import { boundError } from '../evaluation/compile-budget.js';
import { PuppetError } from '../puppet-error.js';
import type { Attr, Block, CaseBranch, Expr, Lambda, Loc, Param, ResourceBody } from './ast.types.js';
import type { Token } from './lexer.js';

/** Functions Puppet lets a statement call without parentheses (`include foo, bar`). */
const STATEMENT_CALLS = new Set([
  'include', 'require', 'contain', 'realize', 'tag', 'fail', 'notice', 'info', 'warning', 'err', 'debug',
  'alert', 'crit', 'emerg', 'break', 'next', 'return', 'create_resources', 'hiera_include',
]);

/** Binary operators by binding power (higher binds tighter), as Puppet's grammar orders them. */
const BINARY: Record<string, number> = {
  '->': 2, '~>': 2, '<-': 2, '<~': 2, or: 3, and: 4, '<': 5, '>': 5, '<=': 5, '>=': 5,
  '==': 6, '!=': 6, '<<': 7, '>>': 7, '+': 8, '-': 8, '*': 9, '/': 9, '%': 9, '=~': 10, '!~': 10, in: 11,
};
const PREFIX_POWER = 12;
const KEYWORD_VALUES = new Set(['true', 'false', 'undef', 'default']);
/** Puppet's rule for variable names (`$0`…`$n` are match variables). */
const VARIABLE_NAME = /^(?:(?:(?:::)?[a-z]\w*)*(?:(?:::)?[a-z_]\w*)|\d+)$/;
/** Expressions that are values only: never a statement's type name. */
const LITERALS = new Set<Expr['t']>(['str', 'interp', 'num', 'bool', 'array']);

/**
 * Puppet's expressions and statements: precedence climbing for operators,
 * resources, collectors, conditionals, lambdas, interpolation. Definitions
 * (`class`, `define`, `node`, …) are the subclass's, through `definition`.
 */
export abstract class ExpressionParser {
  protected i = 0;
  /** Where the current statement began: `Type {` means resource defaults only there. */
  private stmtStart = -1;

  /** `depth`: expressions being parsed around this one (nesting recurses, so it is bounded by `maxDepth`). */
  constructor(
    protected readonly toks: readonly Token[], protected readonly file: string,
    protected readonly maxDepth: number, protected depth: number,
  ) {}

  /** A definition starting at this name token (`class foo {`), or undefined for an ordinary statement. */
  protected abstract definition(t: Token): Expr | undefined;
  /** A parser for an interpolation's tokens. */
  protected abstract sub(tokens: readonly Token[]): ExpressionParser;

  protected peek(n = 0): Token { return this.toks[Math.min(this.i + n, this.toks.length - 1)]!; }
  protected isOp(v: string, n = 0): boolean { const t = this.peek(n); return t.kind === 'op' && t.value === v; }
  protected isName(v: string, n = 0): boolean { const t = this.peek(n); return t.kind === 'name' && t.value === v; }
  protected take(): Token { return this.toks[this.i++]!; }
  protected loc(t: Token = this.peek()): Loc { return { line: t.line, column: t.column }; }

  protected fail(t: Token, msg?: string): never {
    const what = t.kind === 'eof' ? 'end of input' : `'${t.kind === 'dq' ? '"' : t.kind === 'string' ? t.value : t.value}'`;
    const at = t.kind === 'eof' ? { file: this.file, line: 0, column: 0 } : { file: this.file, line: t.line, column: t.column };
    throw new PuppetError(msg ?? `Syntax error at ${what}`, at, 'syntax');
  }

  protected expectOp(v: string): Token {
    if (!this.isOp(v)) this.fail(this.peek());
    return this.take();
  }


  protected statements(end: () => boolean): Expr[] {
    const out: Expr[] = [];
    while (!end()) {
      const t = this.peek();
      if (t.kind === 'eof') this.fail(t);
      if (this.isOp(';') || t.kind === 'epp_end') { this.i++; continue; }
      out.push(this.statement());
    }
    // A value computed and dropped before the block's end (`Optional[Integer] $a`) is a typo, as Puppet's validator says.
    const idle = out.slice(0, -1).find((e) => e.t === 'access');
    if (idle) this.problems.push({ message: `This '[]' expression has no effect. A value was produced and then forgotten (one or more preceding expressions may have the wrong form)`, loc: idle.loc });
    return out;
  }

  protected block(): Block {
    this.expectOp('{');
    const body = this.statements(() => this.isOp('}'));
    this.take();
    return body;
  }

  protected statement(): Expr {
    this.stmtStart = this.i;
    const t = this.peek();
    if (t.kind === 'epp_text') { this.i++; return { t: 'epp_text', v: t.value, loc: this.loc(t) }; }
    if (t.kind === 'epp_render') {
      this.i++;
      const e = this.expr(0);
      if (this.peek().kind !== 'epp_end') this.fail(this.peek());
      this.i++;
      return { t: 'epp_render', e, loc: this.loc(t) };
    }
    if (t.kind === 'name') {
      const def = this.definition(t);
      if (def) return def;
      if (STATEMENT_CALLS.has(t.value) && !this.isOp('(', 1) && this.startsValue(this.peek(1))) {
        this.i++;
        const args = [this.expr(1)];
        while (this.isOp(',')) { this.i++; args.push(this.expr(1)); }
        return { t: 'call', name: t.value, args, loc: this.loc(t) };
      }
    }
    const e = this.expr(0);
    // `'class' { a: }`, `[Notify, File] { x: }`: a resource expression whose type is a value (which evaluation rejects).
    if (this.isOp('{') && LITERALS.has(e.t) && this.looksLikeResource()) return this.resource(t, 'regular', this.loc(t), e);
    return e;
  }

  protected startsValue(t: Token): boolean {
    if (t.kind === 'eof' || t.kind === 'epp_end' || t.kind === 'epp_text') return false;
    if (t.kind === 'op') return t.value === '[' || t.value === '{' || t.value === '-' || t.value === '!';
    if (t.kind === 'name') return !(t.value in BINARY);
    return true;
  }

  protected param(): Param {
    const start = this.peek();
    let type: Expr | undefined;
    if (start.kind === 'cref') type = this.postfix(this.primary(), true);
    const captures = this.isOp('*');
    if (captures) this.i++;
    const v = this.take();
    if (v.kind !== 'var') this.fail(v);
    let value: Expr | undefined;
    if (this.isOp('=')) { this.i++; value = this.expr(1); }
    return { name: v.value, captures, loc: this.loc(v), ...(type ? { type } : {}), ...(value ? { value } : {}) };
  }

  protected lambdaParams(): Param[] {
    this.expectOp('|');
    const out: Param[] = [];
    while (!this.isOp('|')) {
      out.push(this.param());
      if (!this.isOp('|')) this.expectOp(',');
    }
    this.take();
    return out;
  }


  /** Every nesting of the grammar goes through here: the one place its depth is counted. */
  expr(minPower: number): Expr {
    if (++this.depth > this.maxDepth) {
      const t = this.peek();
      throw boundError('maxNestingDepth', this.maxDepth, { file: this.file, line: t.line, column: t.column });
    }
    const e = this.climb(minPower);
    this.depth--;
    return e;
  }

  private climb(minPower: number): Expr {
    let left = this.unary();
    while (true) {
      const t = this.peek();
      if (t.kind === 'op' && (t.value === '+=' || t.value === '-=') && minPower <= 1) {
        this.fail(t, `The operator '${t.value}' is no longer supported. See http://links.puppet.com/remove-plus-equals`);
      }
      if (t.kind === 'op' && t.value === '=' && minPower <= 1) {
        this.checkAssignable(left);
        this.i++;
        left = { t: 'assign', op: '=', target: left, value: this.expr(1), loc: this.loc(t) };
        continue;
      }
      const key = t.kind === 'op' || (t.kind === 'name' && (t.value === 'and' || t.value === 'or' || t.value === 'in')) ? t.value : '';
      const power = BINARY[key];
      if (power === undefined || power < minPower) break;
      this.i++;
      const right = this.expr(power + 1);
      left = power === 2
        ? { t: 'relation', op: key as '->', left, right, loc: this.loc(t) }
        : { t: 'binary', op: key, left, right, loc: left.loc, opLoc: this.loc(t) };
    }
    return left;
  }

  protected unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.value === '-' || t.value === '!' || t.value === '*')) {
      this.i++;
      const e = this.expr(PREFIX_POWER);
      if (t.value === '-' && e.t === 'num') return { ...e, v: -e.v, loc: this.loc(t) };
      return { t: 'unary', op: t.value, e, loc: this.loc(t) };
    }
    return this.postfix(this.primary(), false);
  }

  protected postfix(e: Expr, typeOnly: boolean): Expr {
    while (true) {
      const t = this.peek();
      if (t.kind === 'op' && t.value === '[' && !t.spaced) {
        this.i++;
        const keys: Expr[] = [];
        while (!this.isOp(']')) {
          keys.push(this.expr(1));
          if (!this.isOp(']')) this.expectOp(',');
        }
        this.take();
        e = { t: 'access', target: e, keys, loc: e.loc };
        continue;
      }
      if (typeOnly) return e;
      if (t.kind === 'op' && t.value === '.' && (this.peek(1).kind === 'name' || this.peek(1).kind === 'cref')) {
        this.i++;
        const name = this.take().value;
        // Puppet locates a call with parentheses at the `(`, one without at the `.`.
        const paren = this.isOp('(') && !this.peek().spaced ? this.peek() : undefined;
        const args = paren ? this.args() : [];
        const lambda = this.isOp('|') ? this.lambda() : undefined;
        e = { t: 'method', recv: e, name, args, loc: this.loc(paren ?? t), ...(lambda ? { lambda } : {}) };
        continue;
      }
      if (t.kind === 'op' && t.value === '?') {
        this.i++;
        this.expectOp('{');
        const branches: (readonly [Expr, Expr])[] = [];
        while (!this.isOp('}')) {
          const k = this.expr(1);
          this.expectOp('=>');
          branches.push([k, this.expr(1)]);
          if (!this.isOp('}')) this.expectOp(',');
        }
        this.take();
        e = { t: 'select', subject: e, branches, loc: e.loc };
        continue;
      }
      return e;
    }
  }

  protected args(): Expr[] {
    this.expectOp('(');
    const out: Expr[] = [];
    while (!this.isOp(')')) {
      out.push(this.expr(1));
      if (!this.isOp(')')) this.expectOp(',');
    }
    this.take();
    return out;
  }

  protected lambda(): Lambda {
    const loc = this.loc();
    const params = this.lambdaParams();
    return { params, body: this.block(), loc };
  }

  protected primary(): Expr {
    const t = this.take();
    const loc = this.loc(t);
    switch (t.kind) {
      case 'string': return { t: 'str', v: t.value, loc };
      case 'dq': return this.interpolation(t);
      case 'number': {
        const float = /[.eE]/.test(t.value) && !/^0x/i.test(t.value);
        // A leading zero makes an octal integer (`0755`), as in Ruby.
        const v = /^0[0-7]+$/.test(t.value) ? parseInt(t.value, 8) : Number(t.value);
        return { t: 'num', v, float, loc };
      }
      case 'regex': return { t: 'regex', v: t.value, loc };
      case 'var':
        if (!VARIABLE_NAME.test(t.value)) this.fail(t, `Illegal variable name, The given name '${t.value}' does not conform to the naming rule /^((::)?[a-z]\\w*)*((::)?[a-z_]\\w*)$/`);
        return { t: 'var', name: t.value, loc };
      case 'cref': return this.crefExpr(t);
      case 'name': return this.nameExpr(t);
      case 'op': return this.opExpr(t);
      default: return this.fail(t);
    }
  }

  protected interpolation(t: Token): Expr {
    const parts: (string | Expr)[] = [];
    for (const p of t.parts ?? []) {
      if ('text' in p) { parts.push(p.text); continue; }
      const sub = this.sub(p.tokens);
      const first = sub.peek();
      // `${name}` and `${name[...]}` mean the variable `$name`.
      let e: Expr;
      // Puppet reads a leading bare word as a variable when it stands alone or is accessed (`${x}`, `${x[0]}`, `${x.upcase}`).
      const next = sub.peek(1);
      const accessed = next.kind === 'eof' || (next.kind === 'op' && (next.value === '[' || next.value === '.') && !next.spaced);
      const bareVar = accessed && ((first.kind === 'name' && !KEYWORD_VALUES.has(first.value)) || (first.kind === 'number' && /^\d+$/.test(first.value)));
      if (p.braced && bareVar) {
        sub.i++;
        e = sub.postfix({ t: 'var', name: first.value, loc: sub.loc(first) }, false);
        if (sub.peek().kind !== 'eof') sub.fail(sub.peek());
      } else {
        e = sub.expr(0);
        if (sub.peek().kind !== 'eof') sub.fail(sub.peek());
      }
      parts.push(e);
    }
    if (parts.length === 1 && typeof parts[0] === 'string') return { t: 'str', v: parts[0], loc: this.loc(t) };
    return { t: 'interp', parts, loc: this.loc(t) };
  }

  protected crefExpr(t: Token): Expr {
    const loc = this.loc(t);
    const type: Expr = { t: 'type', v: t.value.replace(/^::/, ''), loc };
    if (this.isOp('<|') || this.isOp('<<|')) return this.collector(t);
    const atStart = this.i - 1 === this.stmtStart;
    // `Notify { 'x': … }` declares a resource; `Notify { attr => … }` sets defaults.
    if (this.isOp('{') && atStart && this.looksLikeResource()) return this.resource(t, 'regular', loc, type);
    if (this.isOp('{') && atStart) {
      this.i++;
      const attrs = this.attrs();
      this.expectOp('}');
      return { t: 'defaults', type: t.value.replace(/^::/, '').toLowerCase(), attrs, loc };
    }
    const e = this.postfix(type, true);
    if (e !== type && this.isOp('{') && atStart && this.looksLikeResource()) return this.resource(t, 'regular', loc, e);
    if (e !== type && this.isOp('{') && atStart) {
      // `File['/x'] { mode => … }` is an override, unless it is a selector body.
      this.i++;
      const attrs = this.attrs();
      this.expectOp('}');
      return { t: 'override', ref: e, attrs, loc };
    }
    if (this.isOp('(') && !this.peek().spaced && e === type) {
      return { t: 'call', name: 'new', args: [type, ...this.args()], loc };
    }
    return e;
  }

  protected collector(t: Token): Expr {
    const exported = this.take().value === '<<|';
    const close = exported ? '|>>' : '|>';
    const query = this.isOp(close) ? undefined : this.expr(3);
    this.expectOp(close);
    let attrs: Attr[] | undefined;
    if (this.isOp('{')) { this.i++; attrs = this.attrs(); this.expectOp('}'); }
    return {
      t: 'collect', type: t.value.replace(/^::/, '').toLowerCase(), exported, loc: this.loc(t),
      ...(query ? { query } : {}), ...(attrs ? { attrs } : {}),
    };
  }

  /**
   * Problems Puppet's validator reports for a whole file before evaluating
   * it (one is reported as it is; several as "Language validation logged N
   * errors"): what the parser accepts but Puppet's grammar checker refuses.
   */
  protected readonly problems: { readonly message: string; readonly loc: Loc }[] = [];

  /** A bare word (`[a, b] = …`) cannot be assigned to. */
  private checkAssignable(e: Expr): void {
    if (e.t === 'array') for (const x of e.items) this.checkAssignable(x);
    else if (e.t === 'name') this.problems.push({ message: `Illegal attempt to assign to 'a Name'. Not an assignable reference`, loc: e.loc });
  }

  /** Nesting of `case` subjects being parsed. */
  private caseSubject = 0;

  protected nameExpr(t: Token): Expr {
    const loc = this.loc(t);
    switch (t.value) {
      case 'true': case 'false': return { t: 'bool', v: t.value === 'true', loc };
      case 'undef': return { t: 'undef', loc };
      case 'default': return { t: 'default', loc };
      case 'if': case 'unless': return this.ifExpr(t);
      case 'case': return this.caseExpr(t);
      case 'class': return this.resource(t, 'regular');
    }
    // `f(x)`, and `f (x) |$v| { … }`: spaced arguments make a call when a block follows them.
    if (this.isOp('(') && (!this.peek().spaced || this.blockAfterParens())) {
      const args = this.args();
      const lambda = this.isOp('|') ? this.lambda() : undefined;
      return { t: 'call', name: t.value.replace(/^::/, ''), args, loc, ...(lambda ? { lambda } : {}) };
    }
    if (this.isOp('{') && this.caseSubject === 0 && this.looksLikeResource()) return this.resource(t, 'regular');
    return { t: 'name', v: t.value, loc };
  }

  /** Whether the parenthesised list starting here is followed by a `|` (a block's parameters). */
  private blockAfterParens(): boolean {
    let depth = 0;
    for (let k = this.i; k < this.toks.length; k++) {
      const t = this.toks[k]!;
      if (t.kind === 'op' && (t.value === '(' || t.value === '[' || t.value === '{')) depth++;
      else if (t.kind === 'op' && (t.value === ')' || t.value === ']' || t.value === '}') && --depth === 0) {
        const next = this.toks[k + 1];
        return next?.kind === 'op' && next.value === '|';
      } else if (t.kind === 'eof') return false;
    }
    return false;
  }

  /** `name {` starts a resource when a title follows: `'x':`, `$x:`, `[…]:`. */
  protected looksLikeResource(): boolean {
    let depth = 0;
    for (let k = this.i + 1; k < this.toks.length; k++) {
      const t = this.toks[k]!;
      if (t.kind === 'op' && (t.value === '{' || t.value === '[' || t.value === '(')) depth++;
      else if (t.kind === 'op' && (t.value === '}' || t.value === ']' || t.value === ')')) { if (--depth < 0) return false; }
      else if (depth === 0 && t.kind === 'op' && t.value === ':') return true;
      else if (depth === 0 && t.kind === 'op' && (t.value === '=>' || t.value === ',')) return false;
      else if (t.kind === 'eof') return false;
    }
    return false;
  }

  protected opExpr(t: Token): Expr {
    const loc = this.loc(t);
    switch (t.value) {
      case '(': { const e = this.expr(0); this.expectOp(')'); return e; }
      case '[': {
        const items: Expr[] = [];
        while (!this.isOp(']')) {
          items.push(this.expr(1));
          if (!this.isOp(']')) this.expectOp(',');
        }
        this.take();
        return { t: 'array', items, loc };
      }
      case '{': {
        const entries: (readonly [Expr, Expr])[] = [];
        while (!this.isOp('}')) {
          const k = this.expr(1);
          this.expectOp('=>');
          entries.push([k, this.expr(1)]);
          if (!this.isOp('}')) this.expectOp(',');
        }
        this.take();
        return { t: 'hash', entries, loc };
      }
      case '@': case '@@': {
        const name = this.take();
        const form = t.value === '@' ? 'virtual' : 'exported';
        if (name.kind === 'cref') {
          // `@@Resource[$type] { … }`, `@Notify { … }`
          const typeLoc = this.loc(name);
          const e = this.postfix({ t: 'type', v: name.value.replace(/^::/, ''), loc: typeLoc }, true);
          return this.resource(name, form, loc, e.t === 'type' ? undefined : e);
        }
        if (name.kind !== 'name') this.fail(name);
        return this.resource(name, form, loc);
      }
      default: return this.fail(t);
    }
  }

  protected resource(t: Token, form: 'regular' | 'virtual' | 'exported', at: Loc = this.loc(t), typeExpr?: Expr): Expr {
    this.expectOp('{');
    const bodies: ResourceBody[] = [];
    while (!this.isOp('}')) {
      const title = this.expr(1);
      this.expectOp(':');
      const attrs = this.attrs();
      bodies.push({ title, attrs });
      if (this.isOp(';')) this.i++;
      else if (!this.isOp('}')) this.fail(this.peek());
    }
    this.take();
    if (typeExpr) return { t: 'resource', type: '', typeExpr, form, bodies, loc: at };
    return { t: 'resource', type: t.value.replace(/^::/, '').toLowerCase(), form, bodies, loc: at };
  }

  protected attrs(): Attr[] {
    const out: Attr[] = [];
    while (!this.isOp('}') && !this.isOp(';')) {
      const n = this.take();
      if (!(n.kind === 'name' || (n.kind === 'op' && n.value === '*'))) this.fail(n);
      if (n.value === '*' && out.some((a) => a.name === '*')) {
        this.fail(n, 'Unfolding of attributes from Hash can only be used once per resource body');
      }
      const op = this.take();
      if (op.kind !== 'op' || (op.value !== '=>' && op.value !== '+>')) this.fail(op);
      out.push({ name: n.value, op: op.value, value: this.expr(1), loc: this.loc(n) });
      if (this.isOp(',')) this.i++;
      else if (!this.isOp('}') && !this.isOp(';')) this.fail(this.peek());
    }
    return out;
  }

  protected ifExpr(t: Token): Expr {
    const cond = this.expr(0);
    const then = this.block();
    let els: Block | undefined;
    if (this.isName('elsif') && t.value === 'if') {
      const e = this.take();
      els = [this.ifExpr(e)];
    } else if (this.isName('else')) {
      this.i++;
      els = this.block();
    }
    return { t: 'if', unless: t.value === 'unless', cond, then, loc: this.loc(t), ...(els ? { else: els } : {}) };
  }

  protected caseExpr(t: Token): Expr {
    // `case ringo { x: … }`: the brace after a bare-word subject opens the cases, not a resource body.
    this.caseSubject++;
    let subject: Expr;
    try { subject = this.expr(0); } finally { this.caseSubject--; }
    this.expectOp('{');
    const branches: CaseBranch[] = [];
    while (!this.isOp('}')) {
      const values = [this.expr(1)];
      while (this.isOp(',')) { this.i++; values.push(this.expr(1)); }
      this.expectOp(':');
      branches.push({ values, body: this.block() });
    }
    this.take();
    return { t: 'case', subject, branches, loc: this.loc(t) };
  }
}
