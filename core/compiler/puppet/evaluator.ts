import { setFlagsFromString } from 'node:v8';
import type { Attr, Block, Expr, Lambda, Loc, ResourceExpr } from './ast.types.js';
import { CompileBudget, type CompileLimits } from './compile-budget.js';
import { article, DATA_TYPES, describeMismatch, isInstance, namedAlias } from './data-types.js';
import { PuppetError, type SourcePos } from './puppet-error.js';
import type { Scope } from './scope.js';
import {
  capitalizeType, DEFAULT, equals, inspect, isArray, isFloat, isHash, isNumeric, numberOf, parseNumeric, PFloat, PType, ResourceRef,
  toFloat, toStr, truthy, typeNameOf, type PHash, type Value, withRubySource,
} from './values.js';

/** What a relationship operand resolves to: values now, or a collector's eventual matches. */
export type Operand = { readonly value: Value } | { readonly collector: unknown };

/** `return()`, `next()` and `break()` unwind the evaluator as signals. */
export class ControlSignal {
  constructor(readonly kind: 'return' | 'next' | 'break', readonly value: Value) {}
}

// Puppet code and facts are untrusted: a catastrophically backtracking regex (`/^(a+)+$/` against
// 'aaa…a!') would hold the worker's event loop forever, and the compile deadline cannot interrupt a
// running match. With this flag V8 switches such a match to its linear-time engine after a bounded
// number of backtracks. It must be set before any Puppet regex is compiled, i.e. when this module (which
// every compile imports) loads. Patterns that engine cannot run (backreferences, lookaround) still
// backtrack: see docs/compiler.md, "Bounds".
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

/**
 * Translates a Ruby regular expression (as Puppet writes them) into a JS
 * one: leading `(?i)` and a whole-pattern `(?i:…)` group become flags
 * (Node 20 has no inline modifiers); the original source is kept for display.
 */
export function toRegExp(source: string): RegExp {
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

/**
 * Evaluates expressions. Catalog-changing constructs (resources,
 * collectors, relationships, function calls) are left to the compilation
 * that extends this class, so this file stays about the language itself.
 */
export abstract class Evaluator {
  /** Output buffers of the EPP templates being rendered, innermost last. */
  protected readonly eppOut: string[][] = [];
  /** This compile's bounds: time, steps, sizes, depths. */
  readonly budget: CompileBudget;

  constructor(protected readonly file: () => string, limits: CompileLimits, started: number) {
    this.budget = new CompileBudget(limits, file, started);
  }

  abstract resource(e: ResourceExpr, scope: Scope): Value;
  abstract defaults(type: string, attrs: readonly Attr[], scope: Scope): void;
  abstract override(ref: Value, attrs: readonly Attr[], scope: Scope, loc: Loc): void;
  abstract collect(e: Extract<Expr, { t: 'collect' }>, scope: Scope): unknown;
  abstract relate(op: '->' | '~>' | '<-' | '<~', left: Operand, right: Operand, loc: Loc): void;
  abstract call(name: string, args: Value[], scope: Scope, loc: Loc, lambda?: Lambda, label?: string): Value;
  abstract qualifiedVar(name: string, loc: Loc): Value;
  abstract resolveAlias(name: string): PType | undefined;
  abstract isResourceType(name: string): boolean;
  abstract warn(message: string, loc: Loc): void;

  pos(loc: Loc): SourcePos { return { file: this.file(), line: loc.line, column: loc.column }; }

  error(message: string, loc: Loc): PuppetError { return new PuppetError(message, this.pos(loc)); }

  block(body: Block, scope: Scope): Value {
    let last: Value;
    for (const e of body) last = this.eval(e, scope);
    return last;
  }

  private readonly aliasResolver = (n: string): PType | undefined => this.resolveAlias(n);
  isInstance(t: PType, v: Value): boolean { return isInstance(t, v, this.aliasResolver); }
  mismatch(t: PType, v: Value): string { return describeMismatch(t, v, this.aliasResolver); }

  /**
   * A parameter's declared type. Types written with literals only
   * (`Array[String, 1]`, `Enum['a', 'b']`) are evaluated once per syntax
   * node: parameter binding is the compiler's hottest path.
   */
  paramType(e: Expr, scope: Scope): Value {
    const hit = staticTypes.get(e);
    if (hit) return hit;
    const t = this.eval(e, scope);
    if (t instanceof PType && isStatic(e) && (DATA_TYPES.has(t.name))) staticTypes.set(e, t);
    return t;
  }

  /** Every evaluation is a step one level deeper: what bounds time and the JS stack. */
  eval(e: Expr, scope: Scope): Value {
    try {
      this.budget.enter(e.loc);
      return this.evalExpr(e, scope);
    } finally { this.budget.leave(); }
  }

  private evalExpr(e: Expr, scope: Scope): Value {
    switch (e.t) {
      case 'str': return e.v;
      case 'interp': return this.interpolate(e.parts, scope, e.loc);
      case 'num': return e.float ? toFloat(e.v) : e.v;
      case 'bool': return e.v;
      case 'undef': return undefined;
      case 'default': return DEFAULT;
      case 'regex': return toRegExp(e.v);
      case 'var': return this.variable(e.name, scope, e.loc);
      case 'name': return e.v;
      case 'type': return this.typeValue(e.v, e.loc);
      case 'array': return this.list(e.items, scope, e.loc);
      case 'hash': return new Map(e.entries.map(([k, v]) => [this.eval(k, scope), this.eval(v, scope)]));
      case 'access': return this.access(this.eval(e.target, scope), e.keys.map((k) => this.eval(k, scope)), e.loc, e.keys[0]?.loc);
      case 'binary': return this.binary(e.op, e.left, e.right, scope, e.loc);
      case 'unary': {
        const v = this.eval(e.e, scope);
        if (e.op === '!') return !truthy(v);
        if (e.op === '*') return v;
        if (typeof v === 'number') return -v;
        if (v instanceof PFloat) return new PFloat(-v.value);
        throw this.error(`Operator '-' is not applicable to ${valueOf(typeNameOf(v))}.`, e.loc);
      }
      case 'assign': return this.assign(e.target, e.op, this.eval(e.value, scope), scope, e.loc);
      case 'call': return this.call(e.name, this.list(e.args, scope, e.loc) as Value[], scope, e.loc, e.lambda);
      case 'method': return this.call(e.name, [this.eval(e.recv, scope), ...this.list(e.args, scope, e.loc)], scope, e.loc, e.lambda, 'Method call');
      case 'if': {
        const c = truthy(this.eval(e.cond, scope));
        if (c !== e.unless) return this.block(e.then, scope);
        return e.else ? this.block(e.else, scope) : undefined;
      }
      case 'case': return this.caseExpr(e, scope);
      case 'select': {
        const subject = this.eval(e.subject, scope);
        let dflt: Expr | undefined;
        for (const [k, v] of e.branches) {
          if (k.t === 'default') { dflt = v; continue; }
          if (this.matches(subject, this.eval(k, scope), scope)) return this.eval(v, scope);
        }
        if (dflt) return this.eval(dflt, scope);
        throw this.error(`No matching entry for selector parameter with value ${inspect(subject)}`, e.loc);
      }
      case 'relation': this.relation(e, scope); return undefined;
      case 'resource': return this.resource(e, scope);
      case 'defaults': this.defaults(e.type, e.attrs, scope); return undefined;
      case 'override': this.override(this.eval(e.ref, scope), e.attrs, scope, e.loc); return undefined;
      case 'collect': this.collect(e, scope); return undefined;
      case 'block': return this.block(e.body, scope);
      case 'epp_text': this.eppOut[this.eppOut.length - 1]?.push(e.v); return undefined;
      case 'epp_render': {
        const v = this.eval(e.e, scope);
        this.eppOut[this.eppOut.length - 1]?.push(toStr(v));
        return undefined;
      }
      case 'class': case 'define': case 'node': case 'function': case 'typealias': return undefined;
    }
  }

  /** Evaluates a list, unfolding `*$array` splats. */
  list(items: readonly Expr[], scope: Scope, loc: Loc): readonly Value[] {
    const out: Value[] = [];
    for (const it of items) {
      if (it.t === 'unary' && it.op === '*') {
        const v = this.eval(it.e, scope);
        if (isArray(v)) { this.budget.collection(out.length + v.length, loc); out.push(...v); } else out.push(v);
      } else out.push(this.eval(it, scope));
    }
    return out;
  }

  /** A double-quoted string, its length checked before it is joined. */
  private interpolate(parts: readonly (string | Expr)[], scope: Scope, loc: Loc): string {
    return this.budget.join(parts.map((p) => (typeof p === 'string' ? p : toStr(this.eval(p, scope)))), '', loc);
  }

  variable(name: string, scope: Scope, loc: Loc): Value {
    if (/^\d+$/.test(name)) return scope.capture(Number(name));
    if (name.includes('::')) return this.qualifiedVar(name, loc);
    const r = scope.lookup(name);
    if (!r.found) this.warn(`Unknown variable: '${name}'.`, loc);
    return r.value;
  }

  /** A capitalised name: a data type, a type alias, or a resource type (which must exist). */
  typeValue(name: string, loc: Loc): Value {
    if (DATA_TYPES.has(name)) return new PType(name);
    const alias = this.resolveAlias(name);
    if (alias) return namedAlias(name, alias);
    if (!this.isResourceType(name.toLowerCase())) throw this.error(`Resource type not found: ${capitalizeType(name)}`, loc);
    return new PType(capitalizeType(name));
  }

  private assign(target: Expr, op: string, value: Value, scope: Scope, loc: Loc): Value {
    if (target.t === 'array') {
      target.items.forEach((it, i) => this.assign(it, '=', isArray(value) ? value[i] : isHash(value) && it.t === 'var' ? value.get(it.name) : undefined, scope, loc));
      return value;
    }
    if (target.t !== 'var') throw this.error(`Illegal attempt to assign to '${exprName(target)}'. Not an assignable reference`, loc);
    if (target.name.includes('::')) throw this.error(`Illegal attempt to assign to '$${target.name}'. Cannot assign to variables in other namespaces`, loc);
    if (/^\d+$/.test(target.name)) throw this.error(`Illegal attempt to assign to 'a Match Variable'. Not an assignable reference`, loc);
    if (RESERVED.has(target.name)) {
      // Puppet words this differently at top scope (checked up front) and elsewhere (checked by the `=`).
      throw this.error(scope.kind === 'top'
        ? `Attempt to assign to a reserved variable name: '$${target.name}'`
        : `Error while evaluating a '=' expression, Attempt to assign to a reserved variable name: '${target.name}'`, loc);
    }
    if (scope.vars.has(target.name)) throw this.error(`Cannot reassign variable '$${target.name}'`, loc);
    let v = value;
    if (op !== '=') {
      const cur = scope.lookup(target.name).value;
      v = this.arith(op === '+=' ? '+' : '-', cur, value, loc);
    }
    scope.vars.set(target.name, v);
    return v;
  }

  access(target: Value, keys: readonly Value[], loc: Loc, keyLoc: Loc = loc): Value {
    if (target instanceof PType) return this.typeAccess(target, keys, loc);
    const [k0, k1] = keys;
    if (isArray(target)) {
      if (typeof k0 !== 'number') throw this.error(`The value ${inspect(k0)} cannot be converted to Numeric.`, loc);
      const i = k0 < 0 ? target.length + k0 : k0;
      if (keys.length === 1) return target[i];
      const count = typeof k1 === 'number' ? (k1 < 0 ? target.length + k1 - i + 1 : k1) : 1;
      return target.slice(i, i + count);
    }
    if (isHash(target)) {
      if (keys.length === 1) return target.get(k0);
      return keys.map((k) => target.get(k)).filter((v) => v !== undefined);
    }
    if (typeof target === 'string') {
      if (typeof k0 !== 'number') {
        throw this.error(`A substring operation does not accept ${article(typeNameOf(k0))} ${typeNameOf(k0)} as a character index. Expected an Integer`, keyLoc);
      }
      const i = k0 < 0 ? target.length + k0 : k0;
      const count = typeof k1 === 'number' ? (k1 < 0 ? target.length + k1 - i + 1 : k1) : 1;
      return target.substr(i, count);
    }
    if (target === undefined) throw this.error(`Operator '[]' is not applicable to an Undef Value.`, loc);
    throw this.error(`Operator '[]' is not applicable to ${valueOf(typeNameOf(target))}.`, loc);
  }

  private typeAccess(t: PType, keys: readonly Value[], loc: Loc): Value {
    const flat: Value[] = keys.flatMap((k): Value[] => (isArray(k) ? [...k] : [k]));
    if (t.name === 'Class') {
      const refs = flat.map((k) => new ResourceRef('Class', capitalizeType(String(k))));
      return refs.length === 1 ? refs[0] : refs;
    }
    if (t.name === 'Resource' && typeof flat[0] === 'string') {
      const type = capitalizeType(flat[0]);
      if (flat.length === 1) return new PType(type);
      const refs = flat.slice(1).map((k) => new ResourceRef(type, String(k)));
      return refs.length === 1 ? refs[0] : refs;
    }
    if (!DATA_TYPES.has(t.name)) {
      if (flat.some((k) => typeof k !== 'string')) throw this.error(`${t.name}[] arguments must be titles (strings)`, loc);
      const refs = flat.map((k) => new ResourceRef(t.name, k as string));
      return refs.length === 1 ? refs[0] : refs;
    }
    return new PType(t.name, keys);
  }

  private binary(op: string, l: Expr, r: Expr, scope: Scope, loc: Loc): Value {
    if (op === 'and') return truthy(this.eval(l, scope)) && truthy(this.eval(r, scope));
    if (op === 'or') return truthy(this.eval(l, scope)) || truthy(this.eval(r, scope));
    const a = this.eval(l, scope);
    const b = this.eval(r, scope);
    switch (op) {
      case '==': return equals(a, b);
      case '!=': return !equals(a, b);
      case '=~': return this.match(a, b, scope, loc);
      case '!~': return !this.match(a, b, scope, loc);
      case 'in': return this.isIn(a, b);
      case '<': case '>': case '<=': case '>=': return this.compare(op, a, b, loc);
      default: return this.arith(op, a, b, loc);
    }
  }

  private compare(op: string, a: Value, b: Value, loc: Loc): boolean {
    let c: number;
    if (isNumeric(a) && isNumeric(b)) c = numberOf(a)! - numberOf(b)!;
    else if (typeof a === 'string' && typeof b === 'string') { const x = a.toLowerCase(), y = b.toLowerCase(); c = x < y ? -1 : x > y ? 1 : 0; }
    else throw this.error(`Comparison of: ${typeNameOf(a)} ${op} ${typeNameOf(b)}, is not possible`, loc);
    return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  }

  arith(op: string, a: Value, b: Value, loc: Loc): Value {
    if ((op === '+' || op === '<<') && (isArray(a) || isHash(a))) this.budget.collection(sizeOf(a) + (op === '+' ? sizeOf(b) : 1), loc);
    if (op === '+' && isArray(a)) return [...a, ...(isArray(b) ? b : isHash(b) ? [...b].map(([k, v]): Value => [k, v]) : [b])];
    if (op === '+' && isHash(a) && isHash(b)) return new Map([...a, ...b]);
    // Difference compares every pair: charged as such, so two huge arrays fail at once instead of hanging.
    if (op === '-' && (isArray(a) || isHash(a))) this.budget.charge(sizeOf(a) * sizeOf(b), loc);
    if (op === '-' && isArray(a)) { const rm = isArray(b) ? b : [b]; return a.filter((x) => !rm.some((y) => equals(x, y))); }
    if (op === '-' && isHash(a)) { const rm = isArray(b) ? b : isHash(b) ? [...b.keys()] : [b]; return new Map([...a].filter(([k]) => !rm.some((y) => equals(k, y)))); }
    if (op === '<<' && isArray(a)) return [...a, b];
    const nx = toNumeric(a), ny = toNumeric(b);
    if (nx === undefined || ny === undefined) {
      const bad = nx === undefined ? a : b;
      if (typeof bad === 'string') throw this.error(`The value ${inspect(bad)} cannot be converted to Numeric.`, loc);
      throw this.error(`Operator '${op}' is not applicable to ${bad === undefined ? 'an Undef Value' : valueOf(typeNameOf(bad))}.`, loc);
    }
    const x = numberOf(nx)!, y = numberOf(ny)!;
    // An Integer operation stays Integer; a Float operand makes the result a Float, integral or not.
    if (!isFloat(nx) && !isFloat(ny)) return this.integerOp(op, x, y, loc);
    if (op === '%' || op === '<<' || op === '>>') throw this.error(`Operator '${op}' is not applicable to a Float.`, loc);
    const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
    if (!Number.isFinite(r)) throw this.error(`The result of the ${op} expression is ${r}`, loc);
    return toFloat(r);
  }

  private integerOp(op: string, x: number, y: number, loc: Loc): number {
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/':
        if (y === 0) throw this.error('Division by 0', loc);
        // Ruby's integer division floors.
        return Math.floor(x / y);
      case '%':
        if (y === 0) throw this.error('Division by 0', loc);
        // Ruby's modulo takes the divisor's sign.
        return ((x % y) + y) % y;
      case '<<': return Math.floor(x * 2 ** y);
      case '>>': return Math.floor(x / 2 ** y);
      default: throw this.error(`Unknown operator '${op}'`, loc);
    }
  }

  private match(a: Value, b: Value, scope: Scope, loc: Loc): boolean {
    if (b instanceof PType) return this.isInstance(b, a);
    if (typeof a !== 'string') throw this.error(`Left operand of =~ must be a String, got ${typeNameOf(a)}`, loc);
    const re = b instanceof RegExp ? b : typeof b === 'string' ? toRegExp(b) : undefined;
    if (!re) throw this.error(`Right operand of =~ must be a Regexp, String or Type, got ${typeNameOf(b)}`, loc);
    const m = re.exec(a);
    if (m) scope.captures = [...m];
    return m !== null;
  }

  private isIn(a: Value, b: Value): boolean {
    if (typeof b === 'string') {
      if (a instanceof RegExp) return a.test(b);
      return typeof a === 'string' && b.toLowerCase().includes(a.toLowerCase());
    }
    if (isArray(b)) return b.some((x) => this.matchesIn(a, x));
    if (isHash(b)) return [...b.keys()].some((x) => this.matchesIn(a, x));
    return false;
  }

  private matchesIn(a: Value, x: Value): boolean {
    if (a instanceof RegExp) return typeof x === 'string' && a.test(x);
    if (a instanceof PType) return this.isInstance(a, x);
    return equals(a, x);
  }

  /** `case`/selector matching: regexes (setting captures), types, arrays, then `==`. */
  matches(subject: Value, option: Value, scope: Scope): boolean {
    if (option instanceof RegExp) {
      if (typeof subject !== 'string') return false;
      const m = option.exec(subject);
      if (m) scope.captures = [...m];
      return m !== null;
    }
    if (option instanceof PType) return this.isInstance(option, subject);
    if (isArray(option) && isArray(subject)) return option.length === subject.length && option.every((o, i) => o === DEFAULT || this.matches(subject[i], o, scope));
    if (isHash(option) && isHash(subject)) return [...option].every(([k, o]) => subject.has(k) && this.matches(subject.get(k), o, scope));
    return equals(subject, option);
  }

  private caseExpr(e: Extract<Expr, { t: 'case' }>, scope: Scope): Value {
    const subject = this.eval(e.subject, scope);
    let dflt: Block | undefined;
    for (const b of e.branches) {
      for (const v of b.values) {
        if (v.t === 'default') { dflt = b.body; continue; }
        const opt = this.eval(v, scope);
        const opts = v.t === 'unary' && v.op === '*' && isArray(opt) ? opt : [opt];
        if (opts.some((o) => this.matches(subject, o, scope))) return this.block(b.body, scope);
      }
    }
    return dflt ? this.block(dflt, scope) : undefined;
  }

  private relation(e: Extract<Expr, { t: 'relation' }>, scope: Scope): Operand {
    const left = this.operand(e.left, scope);
    const right = this.operand(e.right, scope);
    this.relate(e.op, left, right, e.loc);
    return right;
  }

  private operand(e: Expr, scope: Scope): Operand {
    if (e.t === 'relation') return this.relation(e, scope);
    if (e.t === 'collect') return { collector: this.collect(e, scope) };
    return { value: this.eval(e, scope) };
  }

  /** Calls a lambda with positional arguments in a fresh local scope, one call level deeper. */
  callLambda(l: Lambda, args: readonly Value[], scope: Scope): Value {
    try {
      this.budget.enterCall(l.loc);
      return this.runLambda(l, args, scope);
    } finally { this.budget.leaveCall(); }
  }

  private runLambda(l: Lambda, args: readonly Value[], scope: Scope): Value {
    const s = scope.child();
    l.params.forEach((p, i) => {
      let v = p.captures ? args.slice(i) : args[i];
      if (v === undefined && i >= args.length && p.value) v = this.eval(p.value, s);
      if (p.type) {
        const t = this.paramType(p.type, s);
        if (t instanceof PType && !this.isInstance(t, v)) throw this.error(`block parameter '${p.name}' ${this.mismatch(t, v)}`, p.loc);
      }
      s.vars.set(p.name, v);
    });
    try {
      return this.block(l.body, s);
    } catch (sig) {
      if (sig instanceof ControlSignal && sig.kind === 'next') return sig.value;
      throw sig;
    }
  }

  attrValues(attrs: readonly Attr[], scope: Scope, loc: Loc): { name: string; value: Value; add: boolean }[] {
    const out: { name: string; value: Value; add: boolean }[] = [];
    for (const a of attrs) {
      const v = this.eval(a.value, scope);
      if (a.name === '*') {
        if (v === undefined) continue;
        if (!isHash(v)) throw this.error(`The splat attribute '*' expects a Hash, got ${typeNameOf(v)}`, a.loc);
        for (const [k, x] of v as PHash) out.push({ name: String(k), value: x, add: false });
        continue;
      }
      out.push({ name: a.name, value: v, add: a.op === '+>' });
    }
    const seen = new Set<string>();
    for (const o of out) {
      if (seen.has(o.name)) throw this.error(`The attribute '${o.name}' has already been set`, loc);
      seen.add(o.name);
    }
    return out;
  }
}

/** Elements an operand adds to an array or hash (a scalar adds one). */
const sizeOf = (v: Value): number => (isArray(v) ? v.length : isHash(v) ? v.size : 1);

/** Variables Puppet sets from the node and never lets code assign. */
const RESERVED = new Set(['facts', 'trusted', 'server_facts']);

const staticTypes = new WeakMap<Expr, PType>();

/** Whether an expression depends on nothing but literals and built-in type names. */
function isStatic(e: Expr): boolean {
  switch (e.t) {
    case 'str': case 'num': case 'bool': case 'undef': case 'default': case 'regex': return true;
    case 'type': return DATA_TYPES.has(e.v);
    case 'access': return isStatic(e.target) && e.keys.every(isStatic);
    case 'array': return e.items.every(isStatic);
    case 'hash': return e.entries.every(([k, v]) => isStatic(k) && isStatic(v));
    default: return false;
  }
}

/** An arithmetic operand as a Numeric: numbers as they are, numeric strings converted (`'2.0'` is a Float). */
const toNumeric = (v: Value): number | PFloat | undefined => (isNumeric(v) ? v : typeof v === 'string' ? parseNumeric(v) : undefined);

/** `an Integer Value`: how Puppet's operator errors name an operand. */
const valueOf = (name: string): string => `${article(name)} ${name} Value`;

function exprName(e: Expr): string {
  return e.t === 'str' ? e.v : e.t;
}
