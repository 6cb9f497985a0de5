import { PuppetError, UnsupportedError, type SourcePos } from '../puppet-error.js';
import type { Attr, Block, Expr, Lambda, Loc, Param, Program, ResourceExpr } from '../syntax/ast.types.js';
import { article, DATA_TYPES, describeMismatch, isAssignable, isInstance } from '../types/data-types.js';
import { toRegExp } from '../types/ruby-regexp.js';
import { compareTime, isTimeData, PTimespan, PTimestamp, timeArithmetic, type Seconds } from '../types/time-data.js';
import {
  capitalizeType, DEFAULT, equals, hashGet, hashHas, inspect, isArray, isFloat, isHash, isInteger, isNumeric, numberOf, parseNumeric, PFloat, PType, ResourceRef,
  SensitiveValue, toFloat, toStr, truthy, typeNameOf, type PHash, type Value,
} from '../types/values.js';
import type { CompileBudget } from './compile-budget.js';
import { ControlSignal } from './control-signal.js';
import type { FileStack } from './file-stack.js';
import { Scope } from './scope.js';

/** What a relationship operand resolves to: values now, or a collector's eventual matches. */
export type Operand = { readonly value: Value } | { readonly collector: unknown };

/**
 * What the expression evaluator asks of the compile it runs in: the
 * constructs that change the catalog, function calls, and the names only the
 * compile can resolve (qualified variables, type aliases, resource types).
 * `Compilation` is the one implementation, so calls through it stay
 * monomorphic on the evaluator's hot paths.
 */
export interface EvaluationHost {
  // ---- names ----
  qualifiedVar(name: string, loc: Loc, quiet?: boolean): Value;
  /** Whether a qualified variable is set (to any value, `undef` included). */
  hasQualifiedVar(name: string): boolean;
  resolveAlias(name: string): PType | undefined;
  isResourceType(name: string): boolean;

  // ---- calls ----
  call(name: string, args: Value[], scope: Scope, loc: Loc, lambda?: Lambda, label?: string): Value;

  // ---- the catalog ----
  resource(e: ResourceExpr, scope: Scope): Value;
  defaults(type: string, attrs: readonly Attr[], scope: Scope): void;
  override(ref: Value, attrs: readonly Attr[], scope: Scope, loc: Loc): void;
  collect(e: Extract<Expr, { t: 'collect' }>, scope: Scope): unknown;
  relate(op: '->' | '~>' | '<-' | '<~', left: Operand, right: Operand, loc: Loc): void;
  /** `Notify[x][message]`: a parameter of a resource already in the catalog. */
  resourceAttribute(ref: ResourceRef, name: Value, loc: Loc): Value;
}

/**
 * Evaluates expressions: the Puppet language itself. What changes the
 * catalog (resources, collectors, relationships), function calls and the
 * names only the compile can resolve are asked of its `EvaluationHost`.
 */
export class Evaluator {
  /** Output buffers of the EPP templates being rendered, innermost last. */
  private readonly eppOut: string[][] = [];
  /** Whether the EPP template being rendered (innermost last) rendered a Sensitive value: its result is Sensitive. */
  private readonly eppSensitive: boolean[] = [];

  constructor(
    private readonly host: EvaluationHost,
    private readonly files: FileStack,
    /** This compile's bounds: time, steps, sizes, depths. */
    readonly budget: CompileBudget,
    /** Receives warnings, located (unset: they are dropped). */
    private readonly onWarning: ((message: string) => void) | undefined,
  ) {}

  pos(loc: Loc): SourcePos { return this.files.pos(loc); }

  warn(message: string, loc: Loc): void {
    this.onWarning?.(`${message} (file: ${this.files.current()}, line: ${loc.line}, column: ${loc.column})`);
  }

  error(message: string, loc: Loc): PuppetError { return new PuppetError(message, this.pos(loc)); }

  block(body: Block, scope: Scope): Value {
    let last: Value;
    for (const e of body) last = this.eval(e, scope);
    return last;
  }

  readonly aliasResolver = (n: string): PType | undefined => this.host.resolveAlias(n);
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
      case 'access':
        // `Class[ToothFairy]`: an unknown capitalised name is a type reference, which is no class name.
        if (e.target.t === 'type' && e.target.v === 'Class') {
          const bad = e.keys.find((k) => k.t === 'type' && !DATA_TYPES.has(k.v) && !this.host.resolveAlias(k.v) && !this.host.isResourceType(k.v.toLowerCase()));
          if (bad?.t === 'type') throw this.error(`Illegal Class name in class reference. A TypeReference['${bad.v}']-Type cannot be used where a String is expected`, bad.loc);
        }
        return this.accessExpr(e, scope);
      case 'binary': return this.binary(e.op, e.left, e.right, scope, e.loc, e.opLoc ?? e.loc);
      case 'unary': {
        const v = this.eval(e.e, scope);
        if (e.op === '!') return !truthy(v);
        if (e.op === '*') return unfold(v);
        if (typeof v === 'number') return -v;
        if (v instanceof PFloat) return new PFloat(-v.value);
        if (v instanceof PTimespan) return new PTimespan(-v.nsecs);
        // Puppet fails with Ruby's NoMethodError (naming the object's address).
        if (v instanceof PTimestamp) throw new UnsupportedError('A Timestamp cannot be negated (Puppet reports a Ruby NoMethodError)', this.pos(e.loc));
        if (typeof v === 'string') {
          // `-'3'` coerces the String, as arithmetic does.
          const n = parseNumeric(v);
          if (n === undefined) throw this.error(`The value ${inspect(v)} cannot be converted to Numeric.`, e.loc);
          return typeof n === 'number' ? -n : new PFloat(-n.value);
        }
        throw this.error(`Operator '-' is not applicable to ${valueOf(typeNameOf(v))}.`, e.loc);
      }
      case 'assign': return this.assign(e.target, this.eval(e.value, scope), scope, e.loc);
      case 'call': return this.host.call(e.name, this.list(e.args, scope, e.loc) as Value[], scope, e.loc, e.lambda);
      case 'method': return this.host.call(e.name, [this.eval(e.recv, scope), ...this.list(e.args, scope, e.loc)], scope, e.loc, e.lambda, 'Method call');
      case 'if': case 'case': case 'select': {
        // Match variables set while evaluating a conditional are gone after it, as Puppet's guarded scope.
        const saved = scope.captures;
        try { return this.conditional(e, scope); } finally { scope.captures = saved; }
      }
      case 'relation': this.relation(e, scope); return undefined;
      case 'resource': return this.host.resource(e, scope);
      case 'defaults': this.host.defaults(e.type, e.attrs, scope); return undefined;
      case 'override': this.host.override(this.eval(e.ref, scope), e.attrs, scope, e.loc); return undefined;
      case 'collect': this.host.collect(e, scope); return undefined;
      case 'block': return this.block(e.body, scope);
      case 'epp_text': this.eppOut[this.eppOut.length - 1]?.push(e.v); return undefined;
      case 'epp_render': {
        const v = this.eval(e.e, scope);
        if (v instanceof SensitiveValue) this.eppSensitive[this.eppSensitive.length - 1] = true;
        this.eppOut[this.eppOut.length - 1]?.push(toStr(v instanceof SensitiveValue ? v.value : v));
        return undefined;
      }
      case 'class': case 'define': case 'node': case 'function': case 'typealias': return undefined;
    }
  }

  private conditional(e: Extract<Expr, { t: 'if' | 'case' | 'select' }>, scope: Scope): Value {
    if (e.t === 'case') return this.caseExpr(e, scope);
    if (e.t === 'if') {
      const c = truthy(this.eval(e.cond, scope));
      if (c !== e.unless) return this.block(e.then, scope);
      return e.else ? this.block(e.else, scope) : undefined;
    }
    const subject = this.eval(e.subject, scope);
    let dflt: Expr | undefined;
    for (const [k, v] of e.branches) {
      if (k.t === 'default') { dflt = v; continue; }
      const opt = this.eval(k, scope);
      const opts = k.t === 'unary' && k.op === '*' && isArray(opt) ? opt : [opt];
      if (opts.some((o) => this.matches(subject, o, scope))) return this.eval(v, scope);
    }
    if (dflt) return this.eval(dflt, scope);
    throw this.error(`No matching entry for selector parameter with value '${toStr(subject)}'`, e.loc);
  }

  /** Evaluates a list, unfolding `*$array` splats. */
  list(items: readonly Expr[], scope: Scope, loc: Loc): readonly Value[] {
    const out: Value[] = [];
    for (const it of items) {
      if (it.t === 'unary' && it.op === '*') {
        const items = unfold(this.eval(it.e, scope));
        this.budget.collection(out.length + items.length, loc);
        out.push(...items);
      } else out.push(this.eval(it, scope));
    }
    return out;
  }

  /** A double-quoted string, its length checked before it is joined. */
  private interpolate(parts: readonly (string | Expr)[], scope: Scope, loc: Loc): string {
    return this.budget.join(parts.map((p) => (typeof p === 'string' ? p : interpolated(this.eval(p, scope)))), '', loc);
  }

  variable(name: string, scope: Scope, loc: Loc): Value {
    if (isDigit(name.charCodeAt(0)) && /^\d+$/.test(name)) return scope.capture(Number(name));
    if (name.includes('::')) return this.host.qualifiedVar(name, loc);
    // Variables read are nearly always set: the result object of `lookup` only when the value is undef.
    const v = scope.value(name);
    if (v === undefined && !scope.lookup(name).found) this.warn(`Unknown variable: '${name}'.`, loc);
    return v;
  }

  /** A capitalised name: a data type, a type alias, or a resource type (which must exist). */
  typeValue(name: string, loc: Loc): Value {
    if (DATA_TYPES.has(name)) return new PType(name);
    const alias = this.host.resolveAlias(name);
    if (alias) return alias.alias === name ? alias : new PType(alias.name, alias.params, name);
    if (!this.host.isResourceType(name.toLowerCase())) throw this.error(`Resource type not found: ${name.replace(/^::/, '')}`, loc);
    return new PType(capitalizeType(name));
  }

  private assign(target: Expr, value: Value, scope: Scope, loc: Loc): Value {
    if (target.t === 'array') {
      if (isHash(value)) {
        for (const it of target.items) {
          const key = assignedName(it);
          if (!hashHas(value, key)) throw this.error(`No value for required key '${toStr(key)}' in assignment to variables from hash`, loc);
          this.assign(it, hashGet(value, key), scope, loc);
        }
        return value;
      }
      if (value instanceof ResourceRef && value.type === 'Class') {
        // `[$a, $b] = Class['x']`: the class's variables of those names.
        for (const it of target.items) {
          const name = assignedName(it);
          const fqn = `${value.title.toLowerCase()}::${toStr(name)}`;
          const v = this.host.qualifiedVar(fqn, loc, true);
          if (v === undefined && !this.host.hasQualifiedVar(fqn)) throw this.error(`No value for required variable '$${fqn}' in assignment to variables from class reference`, it.loc);
          this.assign(it, v, scope, loc);
        }
        return value;
      }
      const values = isArray(value) ? value : [value];
      if (values.length !== target.items.length) {
        throw this.error(`Mismatched number of assignable entries and values, expected ${target.items.length}, got ${values.length}`, loc);
      }
      target.items.forEach((it, i) => this.assign(it, values[i], scope, loc));
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
    scope.vars.set(target.name, value);
    return value;
  }

  /** `x[k]`; a hash read with one key (`$facts['os']`, the common case) allocates nothing. */
  private accessExpr(e: Extract<Expr, { t: 'access' }>, scope: Scope): Value {
    const target = this.eval(e.target, scope);
    if (e.keys.length === 1 && isHash(target)) return hashGet(target, this.eval(e.keys[0]!, scope));
    const keys: Value[] = [];
    for (const k of e.keys) keys.push(this.eval(k, scope));
    return this.access(target, keys, e.loc, e.keys.map((k) => k.loc));
  }

  access(target: Value, keys: readonly Value[], loc: Loc, keyLocs: readonly Loc[] = []): Value {
    if (target instanceof PType) return this.typeAccess(target, keys, loc, keyLocs);
    if (target instanceof ResourceRef && keys.length === 1) return this.host.resourceAttribute(target, keys[0], loc);
    if (isHash(target)) {
      if (keys.length === 1) return hashGet(target, keys[0]);
      return keys.map((k) => hashGet(target, k)).filter((v) => v !== undefined);
    }
    if (isArray(target) || typeof target === 'string') {
      const flat = keys.flatMap((k): Value[] => (isArray(k) ? [...k] : [k]));
      if (flat.length === 0 || flat.length > 2) {
        throw this.error(isArray(target) ? `Array supports [] with one or two arguments. Got ${flat.length}` : `String supports [] with one or two arguments. Got ${flat.length}`, loc);
      }
      const idx = flat.map((k, i) => this.accessIndex(target, k, keyLocs[i] ?? loc));
      return isArray(target) ? sliceOf(target, idx) : substringOf(target, idx);
    }
    if (target === undefined) throw this.error(`Operator '[]' is not applicable to an Undef Value.`, loc);
    throw this.error(`Operator '[]' is not applicable to ${valueOf(typeNameOf(target))}.`, loc);
  }

  /** An index into an Array or String: Arrays convert numeric strings, Strings take Integers only. */
  private accessIndex(target: readonly Value[] | string, k: Value, loc: Loc): number {
    if (typeof target === 'string') {
      const n = typeof k === 'string' ? parseNumeric(k) : k;
      if (!isInteger(n)) {
        const shown = n === undefined || !isNumeric(n) ? k : n;
        throw this.error(`A substring operation does not accept ${article(typeNameOf(shown))} ${typeNameOf(shown)} as a character index. Expected an Integer`, loc);
      }
      return n;
    }
    const n = typeof k === 'string' ? parseNumeric(k) : k;
    if (n === undefined || !isNumeric(n)) throw this.error(`The value ${inspect(k)} cannot be converted to Numeric.`, loc);
    if (!isInteger(n)) throw this.error('An Array[] cannot use Float where Integer is expected', loc);
    return n;
  }

  private typeAccess(t: PType, keys: readonly Value[], loc: Loc, keyLocs: readonly Loc[] = []): Value {
    const flat: Value[] = [];
    for (const k of keys) if (isArray(k)) flat.push(...k); else flat.push(k);
    // As Puppet: an Array of references when several titles are given or the titles come in an Array
    // (`File[[$dir]]` is `[File[$dir]]`), else the one reference.
    const refsOf = (titles: readonly Value[], refs: ResourceRef[]): Value => (titles.length > 1 || isArray(titles[0]) ? refs : refs.length === 1 ? refs[0] : refs);
    if (t.name === 'Class') {
      return refsOf(keys, flat.map((k) => new ResourceRef('Class', capitalizeType(String(k)))));
    }
    if (t.name === 'Resource' && (typeof flat[0] === 'string' || (flat[0] instanceof PType && !DATA_TYPES.has(flat[0].name)))) {
      const type = flat[0] instanceof PType ? flat[0].name : capitalizeType(flat[0]);
      if (flat.length === 1) return new PType(type);
      const titles = isArray(keys[0]) ? [keys[0].slice(1), ...keys.slice(1)] : keys.slice(1);
      return refsOf(titles, flat.slice(1).map((k) => new ResourceRef(type, String(k))));
    }
    if (!DATA_TYPES.has(t.name)) {
      if (flat.some((k) => typeof k !== 'string')) throw this.error(`${t.name}[] arguments must be titles (strings)`, loc);
      return refsOf(keys, flat.map((k) => new ResourceRef(t.name, k as string)));
    }
    return new PType(t.name, this.typeParams(t.name, keys, loc, keyLocs));
  }

  /**
   * A data type's parameters checked and normalised as Puppet's type factory
   * does: `String[Integer[1, 2]]` is `String[1, 2]`, `Pattern['a', Regexp['b']]`
   * is `Pattern[/a/, /b/]`.
   */
  private typeParams(name: string, keys: readonly Value[], loc: Loc, keyLocs: readonly Loc[]): readonly Value[] {
    const at = (i: number): Loc => keyLocs[i] ?? loc;
    const arity = (min: number, max: number): void => {
      if (keys.length < min || keys.length > max) throw this.error(`${name}-Type[] accepts ${min} to ${max} arguments. Got ${keys.length}`, loc);
    };
    const types = (n: number): void => {
      for (let i = 0; i < n; i++) if (!(keys[i] instanceof PType)) throw this.error(`${name}-Type[] arguments must be types. Got ${typeNameOf(keys[i])}`, at(i));
    };
    /** An `Integer[a, b]` given as a size is its bounds. */
    const sizes = (ps: readonly Value[]): Value[] => ps.flatMap((p) => (p instanceof PType && p.name === 'Integer' ? [...p.params] : [p]));
    switch (name) {
      case 'Array':
        arity(1, 3);
        // `Array[1, 2]`: sizes alone.
        if (keys.length !== 2 || keys[0] instanceof PType) types(1);
        return keys[0] instanceof PType ? [keys[0], ...sizes(keys.slice(1))] : [new PType('Any'), ...keys];
      case 'Hash':
        if (keys.length === 2 && isInteger(keys[0]) && isInteger(keys[1])) return [new PType('Any'), new PType('Any'), ...keys];
        types(2);
        arity(2, 4);
        return [keys[0], keys[1], ...sizes(keys.slice(2))];
      case 'String': case 'Collection': return sizes(keys);
      case 'Regexp':
        if (keys.length !== 1) throw this.error(`A Regexp-Type[] accepts 1 argument. Got ${keys.length}`, at(1));
        return keys;
      // Puppet flattens both: `Enum[$allowed]` with an Array of names (puppetlabs-postgresql's pg_hba_rule).
      case 'Enum': return keys.flat(Infinity as 1) as Value[];
      case 'Pattern': return keys.flat(Infinity as 1).flatMap((k): Value[] => (k instanceof PType ? [...k.params] : [k])).map((k) => (typeof k === 'string' ? toRegExp(k) : k));
      default: return keys;
    }
  }

  private binary(op: string, l: Expr, r: Expr, scope: Scope, loc: Loc, opLoc: Loc): Value {
    if (op === 'and') return truthy(this.eval(l, scope)) && truthy(this.eval(r, scope));
    if (op === 'or') return truthy(this.eval(l, scope)) || truthy(this.eval(r, scope));
    const a = this.eval(l, scope);
    const b = this.eval(r, scope);
    switch (op) {
      case '==': return equals(a, b);
      case '!=': return !equals(a, b);
      case '=~': return this.match(a, b, scope, loc);
      case '!~': return !this.match(a, b, scope, loc);
      case 'in': return this.isIn(a, b, scope);
      case '<': case '>': case '<=': case '>=': return this.compare(op, a, b, opLoc);
      default: return this.arith(op, a, b, loc, opLoc, r.loc);
    }
  }

  private compare(op: string, a: Value, b: Value, loc: Loc): boolean {
    let c: number;
    if (isNumeric(a) && isNumeric(b)) c = numberOf(a)! - numberOf(b)!;
    else if (isTimeData(a) && (isNumeric(b) || (isTimeData(b) && b.constructor === a.constructor))) c = compareTime(a, isNumeric(b) ? numberOf(b)! : b as PTimestamp | PTimespan);
    // A Numeric compares with a time value the other way round.
    else if (isNumeric(a) && isTimeData(b)) c = -compareTime(b, numberOf(a)!);
    else if (isTimeData(a)) {
      const what = a instanceof PTimestamp ? 'Timestamps' : 'Timespans';
      throw this.error(`Comparison of: ${typeNameOf(a)} ${op} ${typeNameOf(b)}, is not possible. Caused by '${what} are only comparable to ${what}, Integers, and Floats'.`, loc);
    }
    else if (typeof a === 'string' && typeof b === 'string') { const x = a.toLowerCase(), y = b.toLowerCase(); c = x < y ? -1 : x > y ? 1 : 0; }
    else if (a instanceof PType && b instanceof PType) {
      // Types compare by assignability: `Integer < Numeric`, `Integer[1, 10] > Integer[2, 3]`.
      const same = equals(a, b);
      const ab = isAssignable(a, b, this.aliasResolver);
      const ba = isAssignable(b, a, this.aliasResolver);
      return op === '<' ? ba && !same : op === '>' ? ab && !same : op === '<=' ? ba : ab;
    } else {
      const why = typeof a === 'string' ? 'A String is not comparable to a non String'
        : isNumeric(a) ? 'A Numeric is not comparable to non Numeric'
          : 'Only Strings, Numbers, Timespans, Timestamps, and Versions are comparable';
      throw this.error(`Comparison of: ${typeNameOf(a)} ${op} ${typeNameOf(b)}, is not possible. Caused by '${why}'.`, loc);
    }
    return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  }

  arith(op: string, a: Value, b: Value, loc: Loc, opLoc: Loc = loc, rightLoc: Loc = loc): Value {
    if ((op === '+' || op === '<<') && (isArray(a) || isHash(a))) this.budget.collection(sizeOf(a) + (op === '+' ? sizeOf(b) : 1), loc);
    if (op === '+' && isArray(a)) return [...a, ...(isArray(b) ? b : isHash(b) ? [...b].map(([k, v]): Value => [k, v]) : [b])];
    if (op === '+' && isHash(a) && isHash(b)) return new Map([...a, ...b]);
    if (op === '+' && isHash(a) && isArray(b)) return new Map([...a, ...this.pairsOf(b, loc)]);
    // Difference compares every pair: charged as such, so two huge arrays fail at once instead of hanging.
    if (op === '-' && (isArray(a) || isHash(a))) this.budget.charge(sizeOf(a) * sizeOf(b), loc);
    if (op === '-' && isArray(a)) { const rm = isArray(b) ? b : isHash(b) ? [...b].map(([k, v]): Value => [k, v]) : [b]; return a.filter((x) => !rm.some((y) => equals(x, y))); }
    if (op === '-' && isHash(a)) { const rm = isArray(b) ? b : isHash(b) ? [...b.keys()] : [b]; return new Map([...a].filter(([k]) => !rm.some((y) => equals(k, y)))); }
    if (op === '<<' && isArray(a)) return [...a, b];
    if (isTimeData(a) || isTimeData(b)) return this.timeArith(op, a, b, loc, rightLoc);
    const nx = toNumeric(a), ny = toNumeric(b);
    if (nx === undefined || ny === undefined) {
      const bad = nx === undefined ? a : b;
      if (typeof bad === 'string') throw this.error(`The value ${inspect(bad)} cannot be converted to Numeric.`, loc);
      throw this.error(`Operator '${op}' is not applicable to ${bad === undefined ? 'an Undef Value' : valueOf(typeNameOf(bad))}.`, loc);
    }
    const x = numberOf(nx)!, y = numberOf(ny)!;
    // An Integer operation stays Integer; a Float operand makes the result a Float, integral or not.
    if (!isFloat(nx) && !isFloat(ny)) return this.integerOp(op, x, y, loc, opLoc);
    if (op === '%' || op === '<<' || op === '>>') throw this.error(`Operator '${op}' is not applicable to a Float.`, loc);
    const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
    if (!Number.isFinite(r)) throw this.error(`The result of the ${op} expression is ${r}`, loc);
    return toFloat(r);
  }

  /** Arithmetic with a Timestamp or Timespan operand (the other may be a Numeric, or a String Puppet reads as one). */
  private timeArith(op: string, a: Value, b: Value, loc: Loc, rightLoc: Loc): Value {
    const operand = (v: Value): PTimestamp | PTimespan | Seconds | undefined => {
      if (isTimeData(v)) return v;
      const n = toNumeric(v);
      return n === undefined ? undefined : { n: numberOf(n)!, float: isFloat(n) };
    };
    const l = operand(a), r = operand(b);
    if (l === undefined || r === undefined) {
      const bad = l === undefined ? a : b;
      if (typeof bad === 'string') throw this.error(`The value ${inspect(bad)} cannot be converted to Numeric.`, loc);
      // A time value given what is no number raises Ruby's ArgumentError, which Puppet words in its own way.
      if (l !== undefined) throw new UnsupportedError(`${typeNameOf(b)} given to ${typeNameOf(a)} ${op} (the builtin compiler does not word this error as Puppet)`, this.pos(loc));
      throw this.error(`Operator '${op}' is not applicable to ${bad === undefined ? 'an Undef Value' : valueOf(typeNameOf(bad))}.`, loc);
    }
    const result = timeArithmetic(op, l, r);
    if (typeof result === 'number') {
      if (!Number.isFinite(result)) throw this.error(`The result of the ${op} expression is ${result}`, loc);
      return op === '/' ? toFloat(result) : result;
    }
    if (isTimeData(result)) return result;
    switch (result.kind) {
      case 'not_applicable': throw this.error(`Operator '${op}' is not applicable to ${valueOf(typeNameOf(a))}.`, loc);
      case 'not_applicable_when': throw this.error(`Operator '${op}' is not applicable to ${valueOf(typeNameOf(a))} when right side is ${valueOf(typeNameOf(b))}.`, loc);
      // Ruby's ZeroDivisionError: Puppet points at the divisor.
      case 'division_by_zero': throw this.error('Division by 0', rightLoc);
      // Ruby's ArgumentError, which Puppet reports in its own way.
      default: throw new UnsupportedError(`${result.message} (the builtin compiler does not word this error as Puppet)`, this.pos(loc));
    }
  }

  /** An Array added to a Hash: a list of `[key, value]` pairs, or keys and values alternating. */
  private pairsOf(b: readonly Value[], loc: Loc): [Value, Value][] {
    if (b.every((x) => isArray(x) && x.length === 2)) return b.map((x) => [(x as Value[])[0], (x as Value[])[1]]);
    if (b.length % 2 !== 0) throw this.error(`Operator '+' is not applicable to a Hash and an Array of odd size.`, loc);
    const out: [Value, Value][] = [];
    for (let i = 0; i < b.length; i += 2) out.push([b[i], b[i + 1]]);
    return out;
  }

  private integerOp(op: string, x: number, y: number, loc: Loc, opLoc: Loc): number {
    const r = this.integerResult(op, x, y, loc);
    // Puppet Integers are 64-bit signed.
    if (r >= 2 ** 63 || r < -(2 ** 63)) {
      const hex = `${r < 0 ? '-' : '+'}0x${BigInt(Math.abs(r)).toString(16)}`;
      throw this.error(`A '${op}' expression resulted in a value outside of Puppet Integer ${r < 0 ? 'min' : 'max'} range, got '${hex}'`, opLoc);
    }
    return r;
  }

  private integerResult(op: string, x: number, y: number, loc: Loc): number {
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
    if (typeof a !== 'string') throw this.error(`Left match operand must result in a String value. Got ${a === undefined ? 'an Undef Value' : valueOf(typeNameOf(a))}.`, loc);
    const re = b instanceof RegExp ? b : typeof b === 'string' ? toRegExp(b) : undefined;
    if (!re) throw this.error(`Right operand of =~ must be a Regexp, String or Type, got ${typeNameOf(b)}`, loc);
    const m = re.exec(a);
    if (m) scope.captures = [...m];
    return m !== null;
  }

  private isIn(a: Value, b: Value, scope: Scope): boolean {
    if (typeof b === 'string') {
      if (a instanceof RegExp) return this.search(a, b, scope);
      return typeof a === 'string' && b.toLowerCase().includes(a.toLowerCase());
    }
    if (isArray(b)) return b.some((x) => this.matchesIn(a, x, scope));
    if (isHash(b)) return [...b.keys()].some((x) => this.matchesIn(a, x, scope));
    return false;
  }

  private matchesIn(a: Value, x: Value, scope: Scope): boolean {
    if (a instanceof RegExp) return typeof x === 'string' && this.search(a, x, scope);
    if (a instanceof PType) return this.isInstance(a, x);
    return equals(a, x);
  }

  /** A regex search that sets the match variables (`$0`, `$1`, …) when it matches. */
  private search(re: RegExp, s: string, scope: Scope): boolean {
    const m = re.exec(s);
    if (m) scope.captures = [...m];
    return m !== null;
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
    if (isHash(option) && isHash(subject)) return [...option].every(([k, o]) => subject.has(k) && (o === DEFAULT || this.matches(subject.get(k), o, scope)));
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
    this.host.relate(e.op, left, right, e.loc);
    return right;
  }

  private operand(e: Expr, scope: Scope): Operand {
    if (e.t === 'relation') return this.relation(e, scope);
    if (e.t === 'collect') return { collector: this.host.collect(e, scope) };
    return { value: this.eval(e, scope) };
  }

  /**
   * Calls a lambda with positional arguments in a fresh local scope, one call
   * level deeper. A block's argument errors have no position of their own: the
   * calling function reports them at the call, as Puppet does. `userFunction`:
   * the name of the Puppet-language function whose body this is (its
   * parameter errors name it).
   */
  callLambda(l: Lambda, args: readonly Value[], scope: Scope, userFunction?: string): Value {
    try {
      this.budget.enterCall(l.loc);
      return this.runLambda(l, args, scope, userFunction);
    } finally { this.budget.leaveCall(); }
  }

  /** Calls a Puppet-language function's body (`name`), where `return()` ends the call. */
  callLambdaReturning(l: Lambda, args: readonly Value[], scope: Scope, name: string): Value {
    try {
      return this.callLambda(l, args, scope, name);
    } catch (sig) {
      if (sig instanceof ControlSignal && sig.kind === 'return') return sig.value;
      throw sig;
    }
  }

  /** Renders an EPP template with its parameters bound in a fresh scope under `top`. */
  renderEpp(program: Program, args: Value, top: Scope, loc: Loc): Value {
    const scope = new Scope('local', top, top, top.resource);
    const given = isHash(args) ? args : new Map<Value, Value>();
    // An inline template is a lambda to Puppet, and named so in its errors.
    const inline = program.file === 'inline_epp';
    const who = inline ? 'lambda' : program.file;
    for (const p of program.eppParams ?? []) {
      let v: Value = given.get(p.name);
      if (!given.has(p.name)) {
        if (!p.value) throw this.error(`Error while evaluating a Function Call, ${who}: expects a value for parameter '${p.name}'`, loc);
        v = this.eval(p.value, scope);
      }
      if (p.type) {
        const t = this.paramType(p.type, scope);
        if (t instanceof PType && !this.isInstance(t, v)) throw this.error(`Error while evaluating a Function Call, ${inline ? 'lambda: ' : ''}parameter '${p.name}' ${this.mismatch(t, v)}`, loc);
      }
      scope.vars.set(p.name, v);
    }
    if (!program.eppParams) for (const [k, v] of given) scope.vars.set(String(k), v);
    this.eppOut.push([]);
    this.eppSensitive.push(false);
    try {
      this.budget.enterCall(loc);
      this.files.inFile(program.file, () => this.block(program.body, scope));
      const text = this.budget.join(this.eppOut[this.eppOut.length - 1]!, '', loc);
      // A template that rendered a Sensitive value is itself Sensitive.
      return this.eppSensitive[this.eppSensitive.length - 1] ? new SensitiveValue(text) : text;
    } finally { this.eppOut.pop(); this.eppSensitive.pop(); this.budget.leaveCall(); }
  }

  private runLambda(l: Lambda, args: readonly Value[], scope: Scope, userFunction: string | undefined): Value {
    const s = scope.child();
    const params = l.params;
    let optional = false;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      if (p.captures) {
        if (optional && !p.value && this.restRequired(p, s)) throw this.error(`Parameter $${p.name} is required but appears after optional parameters`, p.loc);
        s.vars.set(p.name, this.restArgument(p, args.slice(i), i, s, userFunction));
        break;
      }
      if (p.value) optional = true;
      else if (optional) throw this.error(`Parameter $${p.name} is required but appears after optional parameters`, p.loc);
      let v = args[i];
      if (i >= args.length) {
        if (p.value) v = this.eval(p.value, s);
        else if (userFunction === undefined) throw this.error(`Parameter $${p.name} is required but no value was given`, p.loc);
      }
      if (p.type) {
        const t = this.paramType(p.type, s);
        if (t instanceof PType && !this.isInstance(t, v)) this.blockParamError(p, this.mismatch(t, v), userFunction);
      }
      s.vars.set(p.name, v);
    }
    try {
      return this.block(l.body, s);
    } catch (sig) {
      if (sig instanceof ControlSignal && sig.kind === 'next') return sig.value;
      throw sig;
    }
  }

  /**
   * `*$rest`: the remaining arguments, or the default (made an Array). Its
   * type applies to each element, or to the whole when it is an Array type,
   * whose size bounds the count of arguments.
   */
  private restArgument(p: Param, rest: Value[], before: number, s: Scope, userFunction: string | undefined): Value {
    let values: readonly Value[] = rest;
    if (rest.length === 0 && p.value) { const d = this.eval(p.value, s); values = isArray(d) ? d : [d]; }
    const t = p.type ? this.paramType(p.type, s) : undefined;
    if (!(t instanceof PType)) return values;
    if (t.name === 'Array') {
      const [e, lo, hi] = t.params[0] instanceof PType ? t.params : [undefined, ...t.params];
      const min = before + (isInteger(lo) ? lo : 0);
      const max = isInteger(hi) ? before + hi : Infinity;
      const got = before + values.length;
      if (got < min || got > max) {
        const want = min === max ? `${min} argument${min === 1 ? '' : 's'}` : got < min ? `at least ${min} arguments` : `at most ${max} arguments`;
        throw new PuppetError(`block expects ${want}, got ${got}`, undefined);
      }
      if (e instanceof PType) for (const v of values) if (!this.isInstance(e, v)) this.blockParamError(p, this.mismatch(e, v), userFunction);
      return values;
    }
    for (const v of values) if (!this.isInstance(t, v)) this.blockParamError(p, this.mismatch(t, v), userFunction);
    return values;
  }

  /** A `*$rest` typed `Array[T, n]` with n ≥ 1 needs arguments. */
  private restRequired(p: Param, s: Scope): boolean {
    const t = p.type ? this.paramType(p.type, s) : undefined;
    if (!(t instanceof PType) || t.name !== 'Array') return false;
    const min = t.params[0] instanceof PType ? t.params[1] : t.params[0];
    return isInteger(min) && min > 0;
  }

  private blockParamError(p: Param, why: string, userFunction: string | undefined): never {
    throw new PuppetError(userFunction === undefined ? `block parameter '${p.name}' ${why}` : `'${userFunction}' parameter '${p.name}' ${why}`, undefined);
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

/** `0`-`9`: only match variables (`$0`, `$1`) start with one. */
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Elements an operand adds to an array or hash (a scalar adds one). */
const sizeOf = (v: Value): number => (isArray(v) ? v.length : isHash(v) ? v.size : 1);

/** Variables Puppet sets from the node and never lets code assign. */
const RESERVED = new Set(['facts', 'trusted', 'server_facts']);

const staticTypes = new WeakMap<Expr, PType>();

/** A value inside `"${…}"`: as a string, except that `default` interpolates as nothing. */
const interpolated = (v: Value): string => (v === DEFAULT ? '' : toStr(v));

/** `*v`: an Array as it is, a Hash as its pairs, `undef` as nothing, anything else as a one-element Array. */
function unfold(v: Value): readonly Value[] {
  if (v === undefined) return [];
  if (isArray(v)) return v;
  if (isHash(v)) return [...v].map(([k, x]): Value => [k, x]);
  return [v];
}

/** Whether an expression depends on nothing but literals and built-in type names. */
function isStatic(e: Expr): boolean {
  switch (e.t) {
    case 'str': case 'num': case 'bool': case 'undef': case 'default': case 'regex': case 'name': return true;
    case 'type': return DATA_TYPES.has(e.v);
    case 'access': return isStatic(e.target) && e.keys.every(isStatic);
    case 'array': return e.items.every(isStatic);
    case 'hash': return e.entries.every(([k, v]) => isStatic(k) && isStatic(v));
    default: return false;
  }
}

/** An arithmetic operand as a Numeric: numbers as they are, numeric strings converted (`'2.0'` is a Float). */
const toNumeric = (v: Value): number | PFloat | undefined => (isNumeric(v) ? v : typeof v === 'string' ? parseNumeric(v) : undefined);

/** `an Integer`, `an Undef Value`: how Puppet's operator errors name an operand. */
const valueOf = (name: string): string => (name === 'Undef' ? 'an Undef Value' : `${article(name)} ${name}`);

/**
 * `array[i]` and `array[start, count]` as Puppet slices: a negative start
 * counts from the end, a negative count is a length up to that position from
 * the end, and a start before the first element shortens the slice.
 */
function sliceBounds(size: number, idx: readonly number[]): [number, number] {
  let start = idx[0]! < 0 ? size + idx[0]! : idx[0]!;
  let count = idx[1]! < 0 ? size - start + idx[1]! + 1 : idx[1]!;
  if (start < 0) { count += start; start = 0; }
  return [start, Math.max(count, 0)];
}

function sliceOf(a: readonly Value[], idx: readonly number[]): Value {
  if (idx.length === 1) return a[idx[0]! < 0 ? a.length + idx[0]! : idx[0]!];
  const [start, count] = sliceBounds(a.length, idx);
  return a.slice(start, start + count);
}

function substringOf(s: string, idx: readonly number[]): string {
  if (idx.length === 1) {
    const i = idx[0]! < 0 ? s.length + idx[0]! : idx[0]!;
    return i < 0 ? '' : s.substr(i, 1);
  }
  const [start, count] = sliceBounds(s.length, idx);
  return s.substr(start, count);
}

/** The hash key a destructuring target reads: a variable's name, or the names of a nested list. */
function assignedName(e: Expr): Value {
  if (e.t === 'array') return e.items.map(assignedName);
  return e.t === 'var' ? e.name : undefined;
}

function exprName(e: Expr): string {
  return e.t === 'str' ? e.v : e.t;
}
