import type { ExportedResource, ExportedResourceLookup, ResourceFilter } from '../catalog-compiler.js';
import type { PuppetCatalog } from '../../catalog/puppet-catalog.types.js';
import type { Attr, Definition, Expr, Lambda, Loc, Param, Program, ResourceExpr } from './ast.types.js';
import { CatalogGraph } from './catalog-graph.js';
import { CatalogResource, CORE_TYPES, METAPARAMS } from './catalog-resource.js';
import { matchesResource } from './collector-filter.js';
import type { EnvironmentCode } from './environment-code.js';
import { ControlSignal, Evaluator, type Operand } from './evaluator.js';
import { FUNCTIONS } from './functions/function-registry.js';
import type { Hiera, HieraMemo } from './hiera.js';
import { matchNode } from './node-matcher.js';
import { describe, PuppetError } from './puppet-error.js';
import { Scope } from './scope.js';
import {
  capitalizeType, fromJson, inspect, isArray, isHash, PType, ResourceRef, toJson, typeNameOf, type Value,
} from './values.js';

type ClassDef = Extract<Definition, { t: 'class' }>;
type DefineDef = Extract<Definition, { t: 'define' }>;

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

interface Relationship {
  readonly op: '->' | '~>' | '<-' | '<~';
  readonly left: Operand;
  readonly right: Operand;
  readonly loc: Loc;
  readonly file: string;
}

/** What one compile needs besides the code. */
export interface CompilationInput {
  readonly certname: string;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly trusted: Readonly<Record<string, unknown>>;
  readonly exported: ExportedResourceLookup;
  readonly serverVersion: string;
  readonly warn?: (message: string) => void;
}

/**
 * One node's compile: evaluates main, the node definition and the
 * generators (defined types, collectors) like `Puppet::Parser::Compiler`,
 * then finishes resources and serialises `catalog.to_data_hash`.
 */
export class Compilation extends Evaluator {
  readonly graph = new CatalogGraph();
  private readonly classScopes = new Map<string, Scope>();
  private readonly collectors: Collector[] = [];
  private readonly relationships: Relationship[] = [];
  private readonly pendingOverrides = new Map<string, { type: string; title: string; attrs: { name: string; value: Value; add: boolean }[]; file: string; loc: Loc }[]>();
  private readonly realizeQueue: { refs: ResourceRef[]; file: string; loc: Loc }[] = [];
  private readonly fileStack: string[] = [];
  readonly hiera: Hiera;
  /** Hiera layers of this node, resolved once per compile. */
  readonly hieraMemo: HieraMemo = new Map();
  readonly top: Scope;
  private readonly stageMain: CatalogResource;
  private readonly mainClass: CatalogResource;

  constructor(readonly code: EnvironmentCode, readonly input: CompilationInput) {
    super(() => this.fileStack[this.fileStack.length - 1] ?? '');
    this.hiera = code.hiera;
    const topScopeHolder = new Scope('top', undefined, undefined, undefined);
    this.stageMain = new CatalogResource('Stage', 'main', topScopeHolder, undefined, 'compilable_type');
    this.stageMain.params.set('name', 'main');
    this.stageMain.tag('stage');
    this.mainClass = new CatalogResource('Class', 'main', topScopeHolder, undefined, 'unknown');
    this.mainClass.params.set('name', 'main');
    this.mainClass.tag('class');
    this.top = new Scope('top', undefined, undefined, this.mainClass);
    const settings = new CatalogResource('Class', 'Settings', this.top, undefined, 'unknown');
    settings.tag('class', 'settings');
    this.graph.add(this.stageMain, undefined);
    this.graph.add(settings, this.stageMain);
    this.graph.add(this.mainClass, this.stageMain);
    this.graph.classes.push('settings');
    this.setTopVariables();
  }

  private setTopVariables(): void {
    const { facts, trusted, certname } = this.input;
    const v = this.top.vars;
    // Legacy top-scope facts share their values with `$facts` (converted once).
    const factsHash = fromJson(facts) as ReadonlyMap<Value, Value>;
    for (const [k, x] of factsHash) v.set(String(k), x);
    v.set('environment', this.code.name);
    v.set('clientcert', certname);
    v.set('facts', factsHash);
    v.set('trusted', fromJson({
      authenticated: 'remote', certname, extensions: {}, hostname: certname.split('.')[0], domain: certname.split('.').slice(1).join('.'),
      ...trusted,
    }));
    v.set('server_facts', fromJson({ serverversion: this.input.serverVersion, environment: this.code.name }));
    v.set('title', 'main');
    v.set('name', 'main');
  }

  // ---- the compile phases ----

  async run(catalogUuid: string): Promise<PuppetCatalog> {
    for (const p of this.code.site) this.inFile(p.file, () => this.block(p.body, this.top));
    this.evaluateNode();
    await this.generators();
    this.finish();
    return this.graph.toData({ certname: this.input.certname, environment: this.code.name, codeId: this.code.codeId, catalogUuid });
  }

  inFile<T>(file: string, f: () => T): T {
    this.fileStack.push(file);
    try { return f(); } finally { this.fileStack.pop(); }
  }

  private evaluateNode(): void {
    if (this.code.nodes.length === 0) return;
    const m = matchNode(this.code.nodes, this.input.certname);
    if (!m) throw new PuppetError(`Could not find node statement with name 'default' or '${this.input.certname.toLowerCase()}'`, undefined, 'plain');
    const res = new CatalogResource('Node', m.title, this.top, undefined, 'unknown');
    res.tag('node', m.title);
    this.graph.add(res, this.mainClass);
    this.graph.classes.push(m.title);
    this.graph.markers.push('node');
    const scope = new Scope('node', this.top, this.top, res);
    scope.captures = m.captures;
    this.inFile(m.node.file, () => this.block(m.node.def.body, scope));
  }

  private async generators(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      let changed = await this.evaluateCollections();
      for (const r of this.graph.resources) {
        if (r.kind === 'defined_type' && !r.evaluated && !r.virtual) { this.evaluateDefine(r); changed = true; }
      }
      if (!changed) return;
    }
    throw new PuppetError('Somehow looped more than 1000 times while evaluating host catalog', undefined, 'plain');
  }

  // ---- resources ----

  find(type: string, title: string): CatalogResource | undefined {
    return this.graph.find(type, title);
  }

  resource(e: ResourceExpr, scope: Scope): Value {
    const refs: ResourceRef[] = [];
    const dflt = e.bodies.find((b) => b.title.t === 'default');
    const dfltAttrs = dflt ? this.attrValues(dflt.attrs, scope, e.loc) : [];
    for (const body of e.bodies) {
      if (body === dflt) continue;
      const tv = this.eval(body.title, scope);
      const titles = (isArray(tv) ? tv.flat(Infinity as 1) : [tv]) as Value[];
      const given = this.attrValues(body.attrs, scope, e.loc);
      const attrs = [...given, ...dfltAttrs.filter((d) => !given.some((g) => g.name === d.name))];
      for (const t of titles) {
        if (typeof t !== 'string' && typeof t !== 'number') {
          throw this.error(`Illegal title type at index 0. Expected String, got ${typeNameOf(t)}`, body.title.loc);
        }
        const title = String(t);
        if (e.type === 'class') { refs.push(...this.declareClasses([title], scope, attrs, e.loc, 'Resource Statement')); continue; }
        refs.push(this.declare(e.type, title, attrs, scope, e.form, e.loc));
      }
    }
    return refs.length === 1 ? refs[0] : refs;
  }

  /** Declares one resource of a core or defined type (resource expressions, `create_resources`). */
  declare(
    type: string, title: string, attrs: { name: string; value: Value }[], scope: Scope, form: ResourceExpr['form'], loc: Loc,
  ): ResourceRef {
    const define = CORE_TYPES.has(type) ? undefined : this.code.findDefine(type);
    if (!CORE_TYPES.has(type) && !define) throw this.labelled(`Unknown resource type: '${type}'`, loc);
    const cap = capitalizeType(type);
    const existing = this.graph.find(cap, title);
    if (existing) {
      const at = existing.pos ? ` at (file: ${existing.pos.file}, line: ${existing.pos.line})` : '';
      throw this.labelled(`Duplicate declaration: ${cap}[${title}] is already declared${at}; cannot redeclare (file: ${this.file()}, line: ${loc.line})`, loc);
    }
    const r = new CatalogResource(cap, title, scope, this.pos(loc), define ? 'defined_type' : 'compilable_type', define?.def);
    // Parameters first: Puppet tags from a `tag` parameter before the type and title.
    for (const a of attrs) this.setParam(r, a.name, a.value);
    r.tag(type);
    r.tag(title);
    this.applyDefaults(r, scope.lookupDefaults(type));
    r.virtual = form !== 'regular';
    r.exported = form === 'exported';
    // Stages order the run; they are not contained by anything.
    this.graph.add(r, type === 'stage' ? undefined : scope.owner.resource);
    if (define) this.definedFiles.set(r, define.file);
    return new ResourceRef(cap, title);
  }

  private readonly definedFiles = new Map<CatalogResource, string>();

  private setParam(r: CatalogResource, name: string, value: Value): void {
    r.params.set(name, value);
    if (name === 'tag') r.tag(...((isArray(value) ? value.flat() : [value]) as Value[]).map(String));
  }

  private applyDefaults(r: CatalogResource, defaults: ReadonlyMap<string, Value>): void {
    for (const [k, v] of defaults) if (!r.params.has(k)) this.setParam(r, k, v);
  }

  private labelled(message: string, loc: Loc, label = 'Resource Statement'): PuppetError {
    return this.error(`Error while evaluating a ${label}, ${message}`, loc);
  }

  /** `include`, `require`, `contain` and `class { 'x': }`: declares (and evaluates) classes once each. */
  declareClasses(
    names: readonly string[], scope: Scope, params: { name: string; value: Value }[] | undefined, loc: Loc, label: string,
  ): ResourceRef[] {
    // Like Puppet: every class resource is in the catalog before any of them is evaluated.
    const pending = names.map((n) => this.ensureClass(n, scope, params, loc, label));
    for (const p of pending) this.evaluateClass(p.resource);
    return pending.map((p) => new ResourceRef('Class', p.resource.title));
  }

  private readonly classDecls = new Map<CatalogResource, { def: ClassDef; file: string; loc: Loc; label: string; declFile: string; evaluated: boolean }>();

  /** Puts a class's resource (and its parent's, first) in the catalog without evaluating it. */
  private ensureClass(
    rawName: string, scope: Scope, params: { name: string; value: Value }[] | undefined, loc: Loc, label: string,
  ): { resource: CatalogResource } {
    const name = rawName.replace(/^::/, '').toLowerCase();
    const title = capitalizeType(name);
    const existing = this.graph.find('Class', title);
    if (existing) {
      if (params !== undefined) {
        throw this.labelled(`Duplicate declaration: Class[${title}] is already declared; cannot redeclare (file: ${this.file()}, line: ${loc.line})`, loc, label);
      }
      return { resource: existing };
    }
    const found = this.code.findClass(name);
    if (!found) throw this.labelled(`Could not find class ::${name} for ${this.input.certname}`, loc, label);
    if (found.def.parent) {
      if (!this.code.findClass(found.def.parent.replace(/^::/, '').toLowerCase())) {
        throw new PuppetError(`Could not find parent resource type '::${found.def.parent.replace(/^::/, '')}' of type hostclass in ${this.code.name}`, { file: found.file, line: found.def.loc.line, column: 0 }, 'plain');
      }
      this.ensureClass(found.def.parent, scope, undefined, loc, label);
    }
    // Only a resource-like declaration gives the class resource a kind and a place.
    const r = params === undefined
      ? new CatalogResource('Class', title, scope, undefined, 'unknown')
      : new CatalogResource('Class', title, scope, this.pos(loc), 'class');
    r.tag('class', name);
    for (const p of params ?? []) r.params.set(p.name, p.value);
    const stage = params?.find((p) => p.name === 'stage')?.value;
    const container = typeof stage === 'string' ? this.find('Stage', stage) : this.stageMain;
    if (!container) throw this.labelled(`Could not find stage ${String(stage)} specified by Class[${title}]`, loc, label);
    this.graph.add(r, container);
    this.graph.classes.push(name);
    if (!this.graph.markers.includes('class')) this.graph.markers.push('class');
    this.classDecls.set(r, { def: found.def, file: found.file, loc, label, declFile: this.file(), evaluated: false });
    return { resource: r };
  }

  private evaluateClass(r: CatalogResource): void {
    const decl = this.classDecls.get(r);
    if (!decl || decl.evaluated) return;
    decl.evaluated = true;
    const { def, file, loc, label } = decl;
    let parentScope: Scope | undefined;
    if (def.parent) {
      const parent = this.find('Class', def.parent.replace(/^::/, ''));
      if (parent) this.evaluateClass(parent);
      parentScope = this.classScopes.get(def.parent.replace(/^::/, '').toLowerCase());
    }
    const cscope = new Scope('class', parentScope ?? nodeOrTop(r.scope), r.scope, r, def.name);
    this.classScopes.set(def.name, cscope);
    cscope.vars.set('title', def.name);
    cscope.vars.set('name', def.name);
    cscope.vars.set('module_name', file.includes('/modules/') ? def.name.split('::')[0]! : '');
    const given = [...r.params].map(([name, value]) => ({ name, value }));
    r.params.clear();
    this.inFile(decl.declFile, () => this.inFile(file, () => {
      this.bindParams(r, def, given, cscope, loc, label, true);
      this.block(def.body, cscope);
    }));
  }

  /** Binds a class's or define's parameters: given, then hiera (classes), then defaults; type-checked. */
  private bindParams(
    r: CatalogResource, def: ClassDef | DefineDef, given: { name: string; value: Value }[], scope: Scope, loc: Loc, label: string, hiera: boolean,
  ): void {
    const declared = new Map<string, Param>(def.params.map((p) => [p.name, p]));
    for (const g of given) {
      if (!declared.has(g.name) && !METAPARAMS.has(g.name)) {
        throw this.outer(`${r.ref}: has no parameter named '${g.name}'`, loc, label);
      }
      this.setParam(r, g.name, g.value);
    }
    const missing: string[] = [];
    for (const p of def.params) {
      let value: Value;
      let has = r.params.has(p.name);
      if (has) value = r.params.get(p.name);
      if (!has && hiera) {
        const h = this.hiera.lookup(`${def.name}::${p.name}`, undefined, (v) => this.hieraVar(v, scope), this.hieraMemo);
        if (h.found) { value = h.value; has = true; if (value !== undefined) r.params.set(p.name, value); }
      }
      if (!has) {
        if (!p.value) { missing.push(p.name); continue; }
        value = this.eval(p.value, scope);
        if (value !== undefined) r.params.set(p.name, value);
      }
      if (p.type) {
        const t = this.paramType(p.type, scope);
        if (t instanceof PType && !this.isInstance(t, value)) {
          throw this.outer(`${r.ref}: parameter '${p.name}' ${this.mismatch(t, value)}`, loc, label);
        }
      }
      scope.vars.set(p.name, value);
    }
    if (missing.length === 1) throw this.outer(`${r.ref}: expects a value for parameter '${missing[0]}'`, loc, label);
    if (missing.length > 1) {
      const list = missing.map((m) => `'${m}'`);
      throw this.outer(`${r.ref}: expects a value for parameters ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`, loc, label);
    }
  }

  /** An error located at the declaring expression, in the declaring file. */
  private outer(message: string, loc: Loc, label: string): PuppetError {
    const file = this.fileStack[this.fileStack.length - 2] ?? this.file();
    return new PuppetError(`Error while evaluating a ${label}, ${message}`, { file, line: loc.line, column: loc.column });
  }

  private evaluateDefine(r: CatalogResource): void {
    r.evaluated = true;
    const def = r.definition as DefineDef;
    const scope = new Scope('define', nodeOrTop(r.scope), r.scope, r, def.name);
    scope.vars.set('title', r.title);
    scope.vars.set('name', r.params.has('name') ? r.params.get('name') : r.title);
    scope.vars.set('module_name', this.definedFiles.get(r)?.includes('/modules/') ? def.name.split('::')[0]! : '');
    const file = this.definedFiles.get(r) ?? '';
    const declFile = r.pos?.file ?? '';
    // Errors from the generator phase carry no column, as Puppet's do.
    const loc = { line: r.pos?.line ?? 0, column: 0 };
    this.inFile(declFile, () => this.inFile(file, () => {
      const given = [...r.params].map(([name, value]) => ({ name, value }));
      r.params.clear();
      this.bindParams(r, def, given, scope, loc, 'Resource Statement', false);
      try {
        this.block(def.body, scope);
      } catch (e) {
        // Puppet nests a failure inside a defined type's body in one about the instance.
        if (!(e instanceof PuppetError)) throw e;
        throw new PuppetError(`Error while evaluating a Resource Statement, ${describe(e, this.code.name)}`, { file: declFile, line: loc.line, column: 0 });
      }
    }));
  }

  hieraVar(name: string, scope: Scope): Value {
    if (name.includes('::')) return this.qualifiedVar(name.replace(/^::/, '') === name ? name : name, { line: 0, column: 0 }, true);
    return scope.lookup(name).value;
  }

  // ---- defaults, overrides, collectors, relationships ----

  defaults(type: string, attrs: readonly Attr[], scope: Scope): void {
    const map = scope.defaults.get(type) ?? new Map<string, Value>();
    for (const a of this.attrValues(attrs, scope, attrs[0]?.loc ?? { line: 0, column: 0 })) map.set(a.name, a.value);
    scope.defaults.set(type, map);
  }

  override(ref: Value, attrs: readonly Attr[], scope: Scope, loc: Loc): void {
    const values = this.attrValues(attrs, scope, loc);
    for (const r of (isArray(ref) ? ref : [ref])) {
      if (!(r instanceof ResourceRef)) throw this.error(`Illegal override of ${inspect(r)}`, loc);
      const target = this.find(r.type, r.title);
      if (target) this.applyOverride(target, values, scope, loc);
      else {
        const list = this.pendingOverrides.get(r.toString()) ?? [];
        list.push({ type: r.type, title: r.title, attrs: values, file: this.file(), loc });
        this.pendingOverrides.set(r.toString(), list);
      }
    }
  }

  private applyOverride(r: CatalogResource, values: { name: string; value: Value; add: boolean }[], scope: Scope | undefined, loc: Loc): void {
    for (const a of values) {
      if (scope && r.params.has(a.name) && !this.mayOverride(scope, r)) {
        throw this.error(`Parameter '${a.name}' is already set on ${r.ref}; cannot redefine`, loc);
      }
      if (a.add && r.params.has(a.name)) {
        const cur = r.params.get(a.name);
        this.setParam(r, a.name, [...(isArray(cur) ? cur : [cur]), ...(isArray(a.value) ? a.value : [a.value])]);
      } else this.setParam(r, a.name, a.value);
    }
  }

  /** Only a subclass (or the declaring scope itself) may change parameters already set. */
  private mayOverride(scope: Scope, r: CatalogResource): boolean {
    const owner = r.scope.owner.name;
    for (let s: Scope | undefined = scope.owner; s; s = s.lexical && s.lexical.kind === 'class' ? s.lexical : undefined) {
      if (s.name === owner) return true;
    }
    return false;
  }

  collect(e: Extract<Expr, { t: 'collect' }>, scope: Scope): unknown {
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
      return { op: q.op, attribute: attr, value: toJson(this.eval(q.right, scope)) };
    }
    throw this.error(`Collector query: unsupported expression`, q.loc);
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
        if (c.overrides) this.applyOverride(r, c.overrides, undefined, { line: 0, column: 0 });
        changed = true;
      }
      if (c.exported && !c.queried) {
        c.queried = true;
        const found = await this.input.exported.find({
          type: c.type, excludeCertname: this.input.certname, environment: this.code.name, ...(c.filter ? { filter: c.filter } : {}),
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
      throw new PuppetError(`A duplicate resource was found while collecting exported resources, with the type and title ${type}[${x.title}]`, undefined);
    }
    const define = CORE_TYPES.has(type.toLowerCase()) ? undefined : this.code.findDefine(type.toLowerCase());
    const pos = x.file !== null ? { file: x.file, line: x.line ?? 0, column: 0 } : undefined;
    const r = new CatalogResource(type, x.title, c.scope, pos, define ? 'defined_type' : 'compilable_type', define?.def);
    r.collectorId = id;
    r.tag(type.toLowerCase(), x.title);
    this.applyDefaults(r, c.scope.lookupDefaults(type.toLowerCase()));
    for (const [k, v] of Object.entries(x.parameters)) this.setParam(r, k, fromJson(v));
    r.tag(...x.tags);
    if (define) this.definedFiles.set(r, define.file);
    this.graph.add(r, c.scope.owner.resource);
    c.collected.push(r);
    if (c.overrides) this.applyOverride(r, c.overrides, undefined, { line: 0, column: 0 });
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
    this.relationships.push({ op, left, right, loc, file: this.file() });
  }

  private operandResources(o: Operand, rel: Relationship, other: Operand): CatalogResource[] {
    if ('collector' in o) return (o.collector as Collector).collected;
    const out: CatalogResource[] = [];
    const visit = (v: Value): void => {
      if (isArray(v)) { v.forEach(visit); return; }
      if (v === undefined) return;
      if (!(v instanceof ResourceRef)) {
        throw new PuppetError(`Illegal relationship operand, can not form a relationship with ${article(typeNameOf(v))}. A Catalog type is required.`, { file: rel.file, ...rel.loc });
      }
      const r = this.find(v.type, v.title);
      if (!r) {
        const o2 = 'value' in other ? inspectRef(other.value) : 'collector';
        throw new PuppetError(`Could not find resource '${v}' for relationship ${o === rel.left ? 'on' : 'from'} '${o2}'`, undefined, 'plain');
      }
      out.push(r);
    };
    visit(o.value);
    return out;
  }

  // ---- finishing ----

  private finish(): void {
    for (const rel of this.relationships) {
      let sources = this.operandResources(rel.left, rel, rel.right);
      let targets = this.operandResources(rel.right, rel, rel.left);
      if (rel.op === '<-' || rel.op === '<~') [sources, targets] = [targets, sources];
      const param = rel.op === '->' || rel.op === '<-' ? 'before' : 'notify';
      for (const s of sources) for (const t of targets) {
        const cur = s.params.get(param);
        s.params.set(param, [...(cur === undefined ? [] : isArray(cur) ? cur : [cur]), t.ref]);
      }
    }
    for (const [k, list] of this.pendingOverrides) {
      const r = this.find(list[0]!.type, list[0]!.title);
      if (!r) {
        const o = list[0]!;
        throw new PuppetError(`Could not find resource '${k}' for overriding`, { file: o.file, ...o.loc }, 'plain');
      }
      for (const o of list) this.applyOverride(r, o.attrs, undefined, o.loc);
    }
    for (const rq of this.realizeQueue) {
      if (rq.refs.length) throw new PuppetError(`Failed to realize virtual resources ${rq.refs.join(', ')}`, undefined, 'plain');
    }
    for (const r of this.graph.resources) {
      if (r === this.stageMain || r === this.mainClass || r.type === 'Node' || r.title === 'Settings') continue;
      this.applyDefaults(r, r.scope.lookupDefaults(r.type.toLowerCase()));
      const holder = r.scope.owner.resource;
      if (holder && holder !== r) r.tag(...holder.tags);
    }
    this.graph.mergeContainerTags(this.mainClass);
    this.validateRelationshipParams();
  }

  /** Relationship metaparameters must name resources in the catalog. */
  private validateRelationshipParams(): void {
    for (const r of this.graph.resources) {
      for (const p of ['before', 'require', 'notify', 'subscribe']) {
        const v = r.params.get(p);
        for (const ref of (isArray(v) ? v : v === undefined ? [] : [v])) {
          const m = ref instanceof ResourceRef ? ref : /^(.+?)\[(.*)\]$/s.exec(String(ref));
          const [type, title] = m instanceof ResourceRef ? [m.type, m.title] : m ? [m[1]!, m[2]!] : ['', String(ref)];
          if (!this.find(capitalizeType(type), title)) {
            const where = r.pos ? { file: r.pos.file, line: r.pos.line, column: 0 } : undefined;
            throw new PuppetError(`Could not find resource '${capitalizeType(type)}[${type === 'Class' ? capitalizeType(title) : title}]' in parameter '${p}'`, where, 'plain');
          }
        }
      }
    }
  }

  // ---- lookups the evaluator delegates ----

  qualifiedVar(name: string, loc: Loc, quiet = false): Value {
    const bare = name.replace(/^::/, '');
    if (name.startsWith('::') && !bare.includes('::')) return this.top.vars.get(bare);
    const i = bare.lastIndexOf('::');
    const cls = bare.slice(0, i).toLowerCase();
    const scope = this.classScopes.get(cls);
    if (!scope) {
      if (!quiet) this.warn(`Could not look up qualified variable '${bare}'; class ${cls} has not been evaluated`, loc);
      return undefined;
    }
    return scope.lookup(bare.slice(i + 2)).value;
  }

  resolveAlias(name: string): PType | undefined {
    const found = this.code.findAlias(name);
    if (!found) return undefined;
    const v = this.inFile(found.file, () => this.eval(found.def.value, this.top));
    return v instanceof PType ? v : undefined;
  }

  warn(message: string, loc: Loc): void {
    this.input.warn?.(`${message} (file: ${this.file()}, line: ${loc.line}, column: ${loc.column})`);
  }

  call(name: string, args: Value[], scope: Scope, loc: Loc, lambda?: Lambda): Value {
    const fn = FUNCTIONS[name];
    try {
      if (fn) return fn(this, args, scope, loc, lambda);
      const user = this.code.findFunction(name);
      if (!user) throw this.error(`Unknown function: '${name}'.`, loc);
      return this.inFile(user.file, () => this.callUser(user.def, args, loc));
    } catch (e) {
      if (e instanceof PuppetError && e.pos === undefined && e.kind === 'evaluation') {
        throw new PuppetError(`Error while evaluating a Function Call, ${e.message}`, this.pos(loc));
      }
      throw e;
    }
  }

  private callUser(def: Extract<Definition, { t: 'function' }>, args: Value[], loc: Loc): Value {
    return this.callLambdaReturning({ params: def.params, body: def.body, loc }, args, this.top);
  }

  callLambdaReturning(l: Lambda, args: readonly Value[], scope: Scope): Value {
    try {
      return this.callLambda(l, args, scope);
    } catch (sig) {
      if (sig instanceof ControlSignal && sig.kind === 'return') return sig.value;
      throw sig;
    }
  }

  /** Renders an EPP template with its parameters bound in a fresh scope under top scope. */
  renderEpp(program: Program, args: Value, loc: Loc): string {
    const scope = new Scope('local', this.top, this.top, this.top.resource);
    const given = isHash(args) ? args : new Map<Value, Value>();
    for (const p of program.eppParams ?? []) {
      let v: Value = given.get(p.name);
      if (!given.has(p.name)) {
        if (!p.value) throw this.error(`Error while evaluating a Function Call, ${program.file}: expects a value for parameter '${p.name}'`, loc);
        v = this.eval(p.value, scope);
      }
      if (p.type) {
        const t = this.paramType(p.type, scope);
        if (t instanceof PType && !this.isInstance(t, v)) throw this.error(`Error while evaluating a Function Call, parameter '${p.name}' ${this.mismatch(t, v)}`, loc);
      }
      scope.vars.set(p.name, v);
    }
    if (!program.eppParams) for (const [k, v] of given) scope.vars.set(String(k), v);
    this.eppOut.push([]);
    try {
      this.inFile(program.file, () => this.block(program.body, scope));
      return this.eppOut[this.eppOut.length - 1]!.join('');
    } finally { this.eppOut.pop(); }
  }

  /** Resources and classes as the `defined()` function sees them. */
  isDefined(v: Value): boolean {
    if (v instanceof ResourceRef) return this.find(v.type, v.title) !== undefined;
    if (v instanceof PType) return CORE_TYPES.has(v.name.toLowerCase()) || this.code.findDefine(v.name.toLowerCase()) !== undefined;
    if (typeof v !== 'string') return false;
    if (v.startsWith('$')) return this.top.lookup(v.slice(1)).found;
    const n = v.replace(/^::/, '').toLowerCase();
    return CORE_TYPES.has(n) || !!this.code.findClass(n) || !!this.code.findDefine(n) || !!FUNCTIONS[n] || !!this.code.findFunction(n);
  }

}


/** Classes and defines see node scope when declared under a node, else top scope. */
function nodeOrTop(scope: Scope): Scope {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.kind === 'node' || s.kind === 'top') return s;
  return scope;
}

const article = (n: string): string => `${/^[AEIOU]/.test(n) ? 'an' : 'a'} ${n}`;
const inspectRef = (v: Value): string => (isArray(v) ? v.map(String).join(', ') : String(v));
