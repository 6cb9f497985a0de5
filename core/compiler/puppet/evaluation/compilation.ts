import type { PuppetCatalog } from '../../../catalog/puppet-catalog.types.js';
import type { ExportedResourceLookup } from '../../catalog-compiler.js';
import type { CatalogGraph } from '../catalog/catalog-graph.js';
import { CatalogResource, CORE_TYPE_ATTRIBUTES, METAPARAMS } from '../catalog/catalog-resource.js';
import type { FunctionContext } from '../functions/function-context.js';
import { FUNCTIONS } from '../functions/function-registry.js';
import { nativeModuleFunction } from '../functions/module-function-registry.js';
import type { EnvironmentCode } from '../loader/environment-code.js';
import type { Hiera, HieraMemo } from '../loader/hiera.js';
import { PuppetError, rewrapped, UnsupportedError, type SourcePos } from '../puppet-error.js';
import type { Attr, Definition, Expr, Lambda, Loc, Program, ResourceExpr } from '../syntax/ast.types.js';
import { capitalizeType, inspect, isArray, PType, ResourceRef, type Value } from '../types/values.js';
import { Collections } from './collections.js';
import { CompileBudget, type CompileLimits } from './compile-budget.js';
import { ControlSignal } from './control-signal.js';
import { Declarations, mainClass } from './declarations.js';
import { type EvaluationHost, Evaluator, type Operand } from './evaluator.js';
import { FileStack } from './file-stack.js';
import { checkDuplicateNodes, matchNode } from './node-matcher.js';
import { Overrides } from './overrides.js';
import { type Relationship, Relationships } from './relationships.js';
import { Scope } from './scope.js';
import { type TopScopeInput, Variables } from './variables.js';

/** What one compile needs besides the code. */
export interface CompilationInput extends TopScopeInput {
  readonly exported: ExportedResourceLookup;
  readonly warn?: (message: string) => void;
  readonly limits: CompileLimits;
  /** When the compile started (`performance.now()`): its deadline counts from here. */
  readonly started: number;
}

/**
 * One node's compile: evaluates main, the node definition and the
 * generators (defined types, collectors) like `Puppet::Parser::Compiler`,
 * then finishes resources (relationships, overrides, defaults, tags) and
 * serialises `catalog.to_data_hash`. It wires the compile's parts — the
 * expression `Evaluator`, `Variables`, `Declarations` (which hold the
 * catalog), `Collections`, `Relationships`, `Overrides` — and is the
 * evaluator's one `EvaluationHost` and the functions' `FunctionContext`,
 * both by delegation to those parts.
 */
export class Compilation implements FunctionContext, EvaluationHost {
  readonly budget: CompileBudget;
  readonly top: Scope;
  readonly graph: CatalogGraph;
  readonly hiera: Hiera;
  /** Hiera layers of this node, resolved once per compile. */
  readonly hieraMemo: HieraMemo = new Map();
  private readonly files = new FileStack();
  private readonly evaluator: Evaluator;
  private readonly variables: Variables;
  private readonly declarations: Declarations;
  private readonly collections: Collections;
  private readonly relationships = new Relationships();
  private readonly overrides = new Overrides();
  /** Type aliases resolved in this compile; an alias being resolved stands for itself (recursive aliases). */
  private readonly aliases = new Map<string, PType | undefined>();

  constructor(readonly code: EnvironmentCode, private readonly input: CompilationInput) {
    const files = this.files;
    this.budget = new CompileBudget(input.limits, () => files.current(), input.started);
    this.evaluator = new Evaluator(this, files, this.budget, input.warn);
    const main = mainClass();
    this.variables = new Variables(new Scope('top', undefined, undefined, main), code.name, input, (message, loc) => this.evaluator.warn(message, loc));
    this.declarations = new Declarations(code, this.evaluator, this.variables, files, main, this.hieraMemo, input.certname);
    this.collections = new Collections(code, this.evaluator, files, this.declarations, this.overrides, input.exported, input.certname);
    this.top = this.variables.top;
    this.graph = this.declarations.graph;
    this.hiera = code.hiera;
  }

  // ---- the compile phases ----

  async run(catalogUuid: string): Promise<PuppetCatalog> {
    try {
      for (const p of this.code.site) this.files.inFile(p.file, () => this.evaluator.block(p.body, this.top));
      this.evaluateNode();
    } catch (sig) {
      // Nothing at top or node scope may be ended by `return()`, `next()` or `break()`.
      throw sig instanceof ControlSignal ? sig.illegal() : sig;
    }
    await this.generators();
    this.finish();
    return this.graph.toData({ certname: this.input.certname, environment: this.code.name, codeId: this.code.codeId, catalogUuid }, (type) => this.code.namevar(type));
  }

  private evaluateNode(): void {
    if (this.code.nodes.length === 0) return;
    checkDuplicateNodes(this.code.nodes);
    const m = matchNode(this.code.nodes, this.input.certname);
    if (!m) throw new PuppetError(`Could not find node statement with name 'default' or '${this.input.certname.toLowerCase()}'`, undefined, 'plain');
    const res = new CatalogResource('Node', m.title, this.top, undefined, 'unknown');
    res.tag('node', m.title);
    // The node takes main's tags when it is created (before any `tag` call in its body).
    res.mergeTags(this.declarations.mainClass);
    this.declarations.addToCatalog(res, this.declarations.mainClass, m.node.def.loc);
    this.graph.classes.push(m.title);
    this.graph.markers.push('node');
    const scope = new Scope('node', this.top, this.top, res);
    scope.captures = m.captures;
    scope.vars.set('title', m.title);
    scope.vars.set('name', m.title);
    this.files.inFile(m.node.file, () => this.evaluator.block(m.node.def.body, scope));
  }

  private async generators(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      let changed = await this.collections.evaluate();
      // Like Puppet, a round evaluates the instances pending when it starts; those they declare wait for
      // the next round, after the collectors had their turn.
      const pending = this.graph.resources.filter((r) => r.kind === 'defined_type' && !r.evaluated && !r.virtual);
      for (const r of pending) { this.declarations.evaluateDefine(r); changed = true; }
      if (!changed) return;
    }
    throw new PuppetError('Somehow looped more than 1000 times while evaluating host catalog', undefined, 'plain');
  }

  override(ref: Value, attrs: readonly Attr[], scope: Scope, loc: Loc): void {
    const values = this.evaluator.attrValues(attrs, scope, loc);
    for (const r of (isArray(ref) ? ref : [ref])) {
      if (!(r instanceof ResourceRef)) throw this.evaluator.error(`Illegal override of ${inspect(r)}`, loc);
      if (r.type === 'Class') throw this.evaluator.error(`Resource Override can only operate on resources, got: ${inspect(r)}-Type`, loc);
      this.overrides.add(r, this.find(r.type, r.title), values, { scope, file: this.files.current(), loc });
    }
  }

  collect(e: Extract<Expr, { t: 'collect' }>, scope: Scope): unknown { return this.collections.collect(e, scope); }
  realize(refs: ResourceRef[], loc: Loc): void { this.collections.realize(refs, loc); }

  /** `contain`: the class is also contained by the declaring class. */
  contain(scope: Scope, ref: ResourceRef): void {
    const holder = scope.owner.resource;
    const cls = this.find('Class', ref.title);
    if (holder && cls) this.graph.contain(holder, cls);
  }

  relate(op: Relationship['op'], left: Operand, right: Operand, loc: Loc): void {
    this.relationships.add({ op, left, right, loc, file: this.files.current() });
  }

  // ---- finishing ----

  private finish(): void {
    // The `alias` metaparameter names a resource a second time, for references and relationships.
    for (const r of this.graph.resources) {
      const a = r.params.get('alias');
      if (a === undefined || r.virtual) continue;
      for (const name of isArray(a) ? a : [a]) if (typeof name === 'string' && !this.find(r.type, name)) this.graph.alias(r, name);
    }
    this.relationships.apply((type, title) => this.find(type, title));
    this.overrides.applyPending((type, title) => this.find(type, title));
    this.collections.checkRealized();
    for (const r of this.graph.resources) {
      if (r === this.declarations.stageMain || r === this.declarations.mainClass || r.type === 'Node' || r.title === 'Settings') continue;
      if (r.kind === 'compilable_type') validateAttributes(r, this.code);
      const holder = r.scope.owner.resource;
      if (holder && holder !== r) r.mergeTags(holder);
    }
    this.graph.propagateFromContainers(this.declarations.mainClass);
    this.validateRelationshipParams();
  }

  /** Relationship metaparameters must name resources in the catalog. */
  private validateRelationshipParams(): void {
    for (const r of this.graph.resources) {
      if (r.virtual) continue;
      for (const p of RELATIONSHIP_PARAMS) {
        const v = r.params.get(p);
        if (v === undefined) continue;
        if (isArray(v)) for (const ref of v) this.checkRelationshipTarget(r, p, ref);
        else this.checkRelationshipTarget(r, p, v);
      }
    }
  }

  private checkRelationshipTarget(r: CatalogResource, p: string, ref: Value): void {
    const m = ref instanceof ResourceRef ? ref : /^(.+?)\[(.*)\]$/s.exec(String(ref));
    const [type, title] = m instanceof ResourceRef ? [m.type, m.title] : m ? [m[1]!, m[2]!] : ['', String(ref)];
    if (this.find(capitalizeType(type), title)) return;
    const where = r.pos ? { file: r.pos.file, line: r.pos.line, column: 0 } : undefined;
    throw new PuppetError(`Could not find resource '${capitalizeType(type)}[${type === 'Class' ? capitalizeType(title) : title}]' in parameter '${p}'`, where, 'plain');
  }

  call(name: string, args: Value[], scope: Scope, loc: Loc, lambda?: Lambda, label = 'Function Call'): Value {
    const fn = FUNCTIONS[name];
    try {
      if (fn) return fn(this, args, scope, loc, lambda);
      const user = this.code.findFunction(name);
      if (user) return this.files.inFile(user.file, () => this.callUser(user.def, args, loc));
      const mod = this.code.rubyFunctionModule(name);
      const native = mod === undefined ? undefined : nativeModuleFunction(mod, name);
      if (native) return native(this, args, scope, loc, lambda);
      if (mod === undefined) throw this.evaluator.error(`Unknown function: '${name}'.`, loc);
      throw new UnsupportedError(`Function '${name}' is written in Ruby (module ${mod}) and the builtin compiler has no native implementation of it`, this.pos(loc));
    } catch (e) {
      if (e instanceof PuppetError && e.pos === undefined && e.kind === 'evaluation') {
        throw rewrapped(e, `Error while evaluating a ${label}, ${e.message}`, this.pos(loc));
      }
      throw e;
    }
  }

  /** A Puppet-language function: its arguments counted, its parameters and its result type-checked, as Puppet's dispatcher does. */
  private callUser(def: Extract<Definition, { t: 'function' }>, args: Value[], loc: Loc): Value {
    const rest = def.params.some((p) => p.captures);
    const min = def.params.filter((p) => !p.value && !p.captures).length;
    const max = rest ? Infinity : def.params.length;
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min} argument${min === 1 ? '' : 's'}` : max === Infinity ? `at least ${min} arguments` : `between ${min} and ${max} arguments`;
      throw new PuppetError(`'${def.name}' expects ${want}, got ${args.length}`, undefined);
    }
    const result = this.evaluator.callLambdaReturning({ params: def.params, body: def.body, loc }, args, this.top, def.name);
    const t = def.returnType ? this.evaluator.paramType(def.returnType, this.top) : undefined;
    if (t instanceof PType && !this.evaluator.isInstance(t, result)) throw new PuppetError(`value returned from ${def.name} has wrong type, ${this.evaluator.mismatch(t, result)}`, undefined);
    return result;
  }

  // ---- names and types ----

  qualifiedVar(name: string, loc: Loc, quiet?: boolean): Value { return this.variables.qualifiedVar(name, loc, quiet); }
  hasQualifiedVar(name: string): boolean { return this.variables.hasQualifiedVar(name); }
  hieraVar(name: string, scope: Scope): Value { return this.variables.hieraVar(name, scope); }

  resolveAlias(name: string): PType | undefined {
    if (this.aliases.has(name)) return this.aliases.get(name) ?? new PType(name);
    const found = this.code.findAlias(name);
    if (!found) return undefined;
    this.aliases.set(name, undefined);
    try {
      const v = this.files.inFile(found.file, () => this.evaluator.eval(found.def.value, this.top));
      const t = v instanceof PType ? v : undefined;
      this.aliases.set(name, t);
      return t;
    } catch (e) {
      this.aliases.delete(name);
      throw e;
    }
  }

  /** Core types, defined types and classes (`Ntp` names `Class[Ntp]`'s type). */
  isResourceType(name: string): boolean {
    return this.code.isCompilableType(name) || name === 'node' || !!this.code.findDefine(name) || !!this.code.findClass(name);
  }

  /** Resources and classes as the `defined()` function sees them. */
  isDefined(v: Value, scope: Scope): boolean {
    if (v instanceof ResourceRef) return this.find(v.type, v.title) !== undefined;
    if (v instanceof PType) return this.code.isCompilableType(v.name.toLowerCase()) || this.code.findDefine(v.name.toLowerCase()) !== undefined;
    if (typeof v !== 'string') return false;
    if (v.startsWith('$')) return v.includes('::') ? this.qualifiedVar(v.slice(1), { line: 0, column: 0 }, true) !== undefined : scope.lookup(v.slice(1)).found;
    const n = v.replace(/^::/, '').toLowerCase();
    return this.code.isCompilableType(n) || !!this.code.findClass(n) || !!this.code.findDefine(n) || !!FUNCTIONS[n] || !!this.code.findFunction(n) || !!this.code.rubyFunctionModule(n);
  }

  // ---- the evaluator's services, for functions ----

  eval(e: Expr, scope: Scope): Value { return this.evaluator.eval(e, scope); }
  callLambda(l: Lambda, args: readonly Value[], scope: Scope, userFunction?: string): Value { return this.evaluator.callLambda(l, args, scope, userFunction); }
  renderEpp(program: Program, args: Value, loc: Loc): Value { return this.evaluator.renderEpp(program, args, this.top, loc); }
  pos(loc: Loc): SourcePos { return this.files.pos(loc); }
  warn(message: string, loc: Loc): void { this.evaluator.warn(message, loc); }
  variable(name: string, scope: Scope, loc: Loc): Value { return this.evaluator.variable(name, scope, loc); }
  typeValue(name: string, loc: Loc): Value { return this.evaluator.typeValue(name, loc); }
  isInstance(t: PType, v: Value): boolean { return this.evaluator.isInstance(t, v); }
  mismatch(t: PType, v: Value): string { return this.evaluator.mismatch(t, v); }

  // ---- declarations ----

  resource(e: ResourceExpr, scope: Scope): Value { return this.declarations.resource(e, scope); }
  defaults(type: string, attrs: readonly Attr[], scope: Scope): void { this.declarations.defaults(type, attrs, scope); }
  find(type: string, title: string): CatalogResource | undefined { return this.declarations.find(type, title); }
  resourceAttribute(ref: ResourceRef, name: Value, loc: Loc): Value { return this.declarations.resourceAttribute(ref, name, loc); }

  declare(
    type: string, title: string, attrs: { name: string; value: Value }[], scope: Scope, form: ResourceExpr['form'], loc: Loc, label?: string, titleIsString?: boolean,
  ): ResourceRef {
    return this.declarations.declare(type, title, attrs, scope, form, loc, label, titleIsString);
  }

  declareClasses(names: readonly string[], scope: Scope, params: { name: string; value: Value }[] | undefined, loc: Loc, label: string): ResourceRef[] {
    return this.declarations.declareClasses(names, scope, params, loc, label);
  }
}

const RELATIONSHIP_PARAMS = ['before', 'require', 'notify', 'subscribe'] as const;

/**
 * Core types and modules' Ruby types (as read from their source) accept
 * only their own attributes, the metaparameters and `name` (Puppet checks
 * when finishing).
 */
function validateAttributes(r: CatalogResource, code: EnvironmentCode): void {
  const type = r.type.toLowerCase();
  const allowed = CORE_TYPE_ATTRIBUTES[type] ?? code.rubyTypeShape(type)?.attributes;
  if (!allowed) return;
  for (const p of r.params.keys()) {
    if (p === 'name' || METAPARAMS.has(p) || allowed.has(p)) continue;
    const at = r.pos ? ` (file: ${r.pos.file}, line: ${r.pos.line})` : '';
    throw new PuppetError(`no parameter named '${p}'${at} on ${r.ref}`, r.pos ? { file: r.pos.file, line: r.pos.line, column: 0 } : undefined, 'plain');
  }
}
