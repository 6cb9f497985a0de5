import type { PuppetCatalog } from '../../../catalog/puppet-catalog.types.js';
import type { ExportedResource, ResourceFilter } from '../../catalog-compiler.js';
import { CatalogResource, CORE_TYPE_ATTRIBUTES, METAPARAMS } from '../catalog/catalog-resource.js';
import { matchesResource } from '../catalog/collector-filter.js';
import type { FunctionContext } from '../functions/function-context.js';
import { FUNCTIONS } from '../functions/function-registry.js';
import { nativeModuleFunction } from '../functions/module-function-registry.js';
import type { EnvironmentCode } from '../loader/environment-code.js';
import { PuppetError, rewrapped, UnsupportedError } from '../puppet-error.js';
import type { Attr, Definition, Expr, Lambda, Loc } from '../syntax/ast.types.js';
import { capitalizeType, fromJson, inspect, isArray, PFloat, PType, ResourceRef, toJson, type Value } from '../types/values.js';
import { ControlSignal } from './control-signal.js';
import { Declarations } from './declarations.js';
import type { Operand } from './evaluator.js';
import { checkDuplicateNodes, matchNode } from './node-matcher.js';
import { Overrides } from './overrides.js';
import { type Relationship, Relationships } from './relationships.js';
import { Scope } from './scope.js';

export type { CompilationInput } from './compile-context.js';

/** A `<| |>` or `<<| |>>` collector, alive for the whole compile. */
interface Collector {
  readonly type: string;
  readonly exported: boolean;
  readonly filter: ResourceFilter | undefined;
  readonly scope: Scope;
  readonly overrides: { name: string; value: Value; add: boolean }[] | undefined;
  readonly collected: CatalogResource[];
  queried: boolean;
}

/**
 * One node's compile: evaluates main, the node definition and the
 * generators (defined types, collectors) like `Puppet::Parser::Compiler`,
 * then finishes resources (relationships, overrides, defaults, tags) and
 * serialises `catalog.to_data_hash`.
 */
export class Compilation extends Declarations implements FunctionContext {
  private readonly collectors: Collector[] = [];
  private readonly relationships = new Relationships();
  private readonly overrides = new Overrides();
  private readonly realizeQueue: { refs: ResourceRef[]; file: string; loc: Loc }[] = [];

  // ---- the compile phases ----

  async run(catalogUuid: string): Promise<PuppetCatalog> {
    try {
      for (const p of this.code.site) this.inFile(p.file, () => this.block(p.body, this.top));
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
    res.mergeTags(this.mainClass);
    this.addToCatalog(res, this.mainClass, m.node.def.loc);
    this.graph.classes.push(m.title);
    this.graph.markers.push('node');
    const scope = new Scope('node', this.top, this.top, res);
    scope.captures = m.captures;
    scope.vars.set('title', m.title);
    scope.vars.set('name', m.title);
    this.inFile(m.node.file, () => this.block(m.node.def.body, scope));
  }

  private async generators(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      let changed = await this.evaluateCollections();
      // Like Puppet, a round evaluates the instances pending when it starts; those they declare wait for
      // the next round, after the collectors had their turn.
      const pending = this.graph.resources.filter((r) => r.kind === 'defined_type' && !r.evaluated && !r.virtual);
      for (const r of pending) { this.evaluateDefine(r); changed = true; }
      if (!changed) return;
    }
    throw new PuppetError('Somehow looped more than 1000 times while evaluating host catalog', undefined, 'plain');
  }

  override(ref: Value, attrs: readonly Attr[], scope: Scope, loc: Loc): void {
    const values = this.attrValues(attrs, scope, loc);
    for (const r of (isArray(ref) ? ref : [ref])) {
      if (!(r instanceof ResourceRef)) throw this.error(`Illegal override of ${inspect(r)}`, loc);
      if (r.type === 'Class') throw this.error(`Resource Override can only operate on resources, got: ${inspect(r)}-Type`, loc);
      this.overrides.add(r, this.find(r.type, r.title), values, { scope, file: this.file(), loc });
    }
  }

  collect(e: Extract<Expr, { t: 'collect' }>, scope: Scope): unknown {
    if (e.type === 'class') throw this.error(`Error while evaluating a ${e.exported ? 'Exported' : 'Virtual'} Query, Classes cannot be collected`, e.loc);
    if (!this.code.isCompilableType(e.type) && !this.code.findDefine(e.type)) {
      throw this.error(`Error while evaluating a ${e.exported ? 'Exported' : 'Virtual'} Query, Resource type ${e.type} doesn't exist`, e.loc);
    }
    const c: Collector = {
      type: capitalizeType(e.type),
      exported: e.exported,
      filter: e.query ? this.filter(e.query, scope) : undefined,
      scope,
      overrides: e.attrs ? this.attrValues(e.attrs, scope, e.loc) : undefined,
      collected: [],
      queried: false,
    };
    this.collectors.push(c);
    return c;
  }

  private filter(q: Expr, scope: Scope): ResourceFilter {
    if (q.t === 'binary' && (q.op === 'and' || q.op === 'or')) {
      return { op: q.op, left: this.filter(q.left, scope), right: this.filter(q.right, scope) };
    }
    if (q.t === 'binary' && (q.op === '==' || q.op === '!=')) {
      const attr = q.left.t === 'name' ? q.left.v : q.left.t === 'str' ? q.left.v : undefined;
      if (attr === undefined) throw this.error('Collector query: left operand must be an attribute name', q.loc);
      // PuppetDB compares numbers by value (`port == 2.0` collects `port => 2`): a Float box is unwrapped.
      const value = toJson(this.eval(q.right, scope));
      return { op: q.op, attribute: attr, value: value instanceof PFloat ? value.value : value };
    }
    throw new UnsupportedError('Collector query: unsupported expression', this.pos(q.loc));
  }

  private async evaluateCollections(): Promise<boolean> {
    let changed = false;
    for (const rq of this.realizeQueue) {
      for (const ref of [...rq.refs]) {
        const r = this.find(ref.type, ref.title);
        if (r) { if (r.virtual) { r.virtual = false; changed = true; } rq.refs.splice(rq.refs.indexOf(ref), 1); }
      }
    }
    for (const c of this.collectors) {
      for (const r of this.graph.resources) {
        if (r.type !== c.type || c.collected.includes(r)) continue;
        if (c.exported && !r.exported) continue;
        if (!matchesResource(r, c.filter)) continue;
        r.virtual = false;
        c.collected.push(r);
        if (c.overrides) this.overrides.apply(r, c.overrides);
        changed = true;
      }
      if (c.exported && !c.queried) {
        c.queried = true;
        const found = await this.input.exported.find({
          // No environment: Puppet's PuppetDB terminus collects exports from every environment.
          type: c.type, excludeCertname: this.input.certname, ...(c.filter ? { filter: c.filter } : {}),
        });
        for (const x of found) { this.addCollected(c, x); changed = true; }
      }
    }
    return changed;
  }

  private addCollected(c: Collector, x: ExportedResource): void {
    const id = `${x.certname}|${x.type}|${x.title}`;
    const type = capitalizeType(x.type);
    const existing = this.find(type, x.title);
    if (existing) {
      if (existing.collectorId === id) return;
      throw new PuppetError(`A duplicate resource was found while collecting exported resources, with the type and title ${type}[${x.title}]`, undefined, 'plain');
    }
    const define = this.code.isCompilableType(type.toLowerCase()) ? undefined : this.code.findDefine(type.toLowerCase());
    const pos = x.file !== null ? { file: x.file, line: x.line ?? 0, column: 0 } : undefined;
    const r = new CatalogResource(type, x.title, c.scope, pos, define ? 'defined_type' : 'compilable_type', define?.def);
    r.collectorId = id;
    r.tag(type.toLowerCase(), x.title);
    this.applyDefaults(r, c.scope.lookupDefaults(type.toLowerCase()));
    for (const [k, v] of Object.entries(x.parameters)) r.setParam(k, fromJson(v));
    r.tag(...x.tags);
    if (define) this.definedFiles.set(r, define.file);
    this.addToCatalog(r, c.scope.owner.resource, { line: 0, column: 0 });
    c.collected.push(r);
    if (c.overrides) this.overrides.apply(r, c.overrides);
  }

  /** `contain`: the class is also contained by the declaring class. */
  contain(scope: Scope, ref: ResourceRef): void {
    const holder = scope.owner.resource;
    const cls = this.find('Class', ref.title);
    if (holder && cls) this.graph.contain(holder, cls);
  }

  realize(refs: ResourceRef[], loc: Loc): void {
    this.realizeQueue.push({ refs: [...refs], file: this.file(), loc });
  }

  relate(op: Relationship['op'], left: Operand, right: Operand, loc: Loc): void {
    this.relationships.add({ op, left, right, loc, file: this.file() });
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
    for (const rq of this.realizeQueue) {
      if (rq.refs.length) throw new PuppetError(`Failed to realize virtual resources ${rq.refs.join(', ')}`, undefined, 'plain');
    }
    for (const r of this.graph.resources) {
      if (r === this.stageMain || r === this.mainClass || r.type === 'Node' || r.title === 'Settings') continue;
      if (r.kind === 'compilable_type') validateAttributes(r, this.code);
      const holder = r.scope.owner.resource;
      if (holder && holder !== r) r.mergeTags(holder);
    }
    this.graph.propagateFromContainers(this.mainClass);
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
      if (user) return this.inFile(user.file, () => this.callUser(user.def, args, loc));
      const mod = this.code.rubyFunctionModule(name);
      const native = mod === undefined ? undefined : nativeModuleFunction(mod, name);
      if (native) return native(this, args, scope, loc, lambda);
      if (mod === undefined) throw this.error(`Unknown function: '${name}'.`, loc);
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
    const result = this.callLambdaReturning({ params: def.params, body: def.body, loc }, args, this.top, def.name);
    const t = def.returnType ? this.paramType(def.returnType, this.top) : undefined;
    if (t instanceof PType && !this.isInstance(t, result)) throw new PuppetError(`value returned from ${def.name} has wrong type, ${this.mismatch(t, result)}`, undefined);
    return result;
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
