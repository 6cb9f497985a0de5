import { CatalogGraph, canonicalTitle } from '../catalog/catalog-graph.js';
import { CatalogResource, METAPARAMS } from '../catalog/catalog-resource.js';
import type { EnvironmentCode } from '../loader/environment-code.js';
import type { HieraMemo } from '../loader/hiera.js';
import { describe, PuppetError, rewrapped } from '../puppet-error.js';
import type { Attr, Block, Definition, Expr, Loc, Param, ResourceExpr } from '../syntax/ast.types.js';
import { DATA_TYPES, describeMismatches } from '../types/data-types.js';
import { capitalizeType, DEFAULT, inferredTypeName, inspect, isArray, PType, ResourceRef, toStr, type Value } from '../types/values.js';
import { type CompileBudget, CompileBoundError } from './compile-budget.js';
import { ControlSignal } from './control-signal.js';
import type { Evaluator } from './evaluator.js';
import type { FileStack } from './file-stack.js';
import { Scope } from './scope.js';
import type { Variables } from './variables.js';

/** Types Puppet does not make unique by namevar (non-isomorphic): two execs may run the same command. */
const NON_ISOMORPHIC = new Set(['exec']);

type ClassDef = Extract<Definition, { t: 'class' }>;
type DefineDef = Extract<Definition, { t: 'define' }>;

/**
 * Declarations: resources, resource defaults, classes (`include` and
 * resource-like, with parameters from arguments, hiera and defaults) and
 * defined-type instances, with Puppet's duplicate rules and messages. Holds
 * the catalog they build: the graph from `Stage[main]`, `Class[main]` and
 * `Class[Settings]` on, and what each declaration left to evaluate.
 */
export class Declarations {
  readonly graph = new CatalogGraph();
  readonly stageMain: CatalogResource;
  private readonly budget: CompileBudget;

  constructor(
    private readonly code: EnvironmentCode,
    private readonly ev: Evaluator,
    private readonly vars: Variables,
    private readonly files: FileStack,
    /** `Class[main]`, the resource of `vars.top` (see `mainClass()`). */
    readonly mainClass: CatalogResource,
    /** Hiera layers of this node, resolved once per compile. */
    private readonly hieraMemo: HieraMemo,
    private readonly certname: string,
  ) {
    this.budget = ev.budget;
    this.stageMain = new CatalogResource('Stage', 'main', mainClass.scope, undefined, 'compilable_type');
    this.stageMain.params.set('name', 'main');
    this.stageMain.tag('stage');
    const settings = new CatalogResource('Class', 'Settings', vars.top, undefined, 'unknown');
    settings.tag('class', 'settings');
    this.graph.add(this.stageMain, undefined);
    this.graph.add(settings, this.stageMain);
    this.graph.add(mainClass, this.stageMain);
    this.graph.classes.push('settings');
  }

  /** Adds a declared resource to the catalog, within the resource bound. */
  addToCatalog(r: CatalogResource, container: CatalogResource | undefined, loc: Loc): void {
    this.budget.resources(this.graph.resources.length + 1, loc);
    this.graph.add(r, container);
  }

  find(type: string, title: string): CatalogResource | undefined {
    return this.graph.find(type, title);
  }

  /** `Notify[x][message]`: a parameter of a resource already in the catalog. */
  resourceAttribute(ref: ResourceRef, name: Value, loc: Loc): Value {
    const r = this.find(ref.type, ref.title);
    if (!r) throw this.ev.error(`Resource not found: ${inspect(ref)}`, loc);
    return r.params.get(toStr(name));
  }

  resource(e: ResourceExpr, scope: Scope): Value {
    const type = e.typeExpr ? this.resourceTypeName(this.ev.eval(e.typeExpr, scope), e.loc) : e.type;
    // As Puppet: every body's titles and attributes first, then the resources, so a `default` body
    // (its title is `default`, or evaluates to it) applies wherever it is written.
    const seen = new Set<Value>();
    const bodies = e.bodies.map((body) => {
      const titles = this.titles(this.ev.eval(body.title, scope), body.title.loc);
      for (const t of titles) {
        if (seen.has(t)) throw this.ev.error(`The title '${toStr(t)}' has already been used in this resource expression`, e.loc);
        seen.add(t);
      }
      return { titles, attrs: this.ev.attrValues(body.attrs, scope, e.loc) };
    });
    const dfltAttrs = seen.has(DEFAULT) ? bodies.find((b) => b.titles.includes(DEFAULT))!.attrs : [];
    const refs: ResourceRef[] = [];
    for (const body of bodies) {
      const attrs = dfltAttrs.length === 0 ? body.attrs : [...body.attrs, ...dfltAttrs.filter((d) => !body.attrs.some((g) => g.name === d.name))];
      for (const t of body.titles) {
        if (t === DEFAULT) continue;
        const title = t as string;
        if (type === 'class') { refs.push(...this.declareClasses([title], scope, attrs, e.loc, 'Resource Statement')); continue; }
        refs.push(this.declare(type, title, attrs, scope, e.form, e.loc));
      }
    }
    return refs;
  }

  /** A body's titles: Strings (or `default`), an Array flattened; Puppet's errors for anything else. */
  private titles(tv: Value, loc: Loc): Value[] {
    if (tv === undefined) throw this.ev.error('Missing title. The title expression resulted in undef', loc);
    const titles = isArray(tv) ? this.budget.flat(tv, loc) : [tv];
    titles.forEach((t, index) => {
      if (t === undefined) throw this.ev.error(`Missing title at index ${index}. The title expression resulted in an undef title`, loc);
      if (typeof t !== 'string' && t !== DEFAULT) {
        const got = t instanceof RegExp ? `Regexp[${inspect(t)}]` : inferredTypeName(t);
        throw this.ev.error(`Illegal title type at index ${index}. Expected String, got ${got}`, loc);
      }
      if (t === '') throw this.ev.error(`Empty string title at ${index}. Title strings must have a length greater than zero.`, loc);
    });
    return titles;
  }

  /** `Resource[$t] { … }`: the type a type expression names (a resource type, or `Class`). */
  private resourceTypeName(v: Value, loc: Loc): string {
    if (v instanceof PType && (v.name === 'Class' || v.params.length === 0) && !DATA_TYPES.has(v.name)) return v.name.toLowerCase();
    if (v instanceof PType && v.name === 'Class') return 'class';
    // A list of resource types is inferred as `Array[Type[Resource]]`.
    const resourceTypes = isArray(v) && v.length > 0 && v.every((x) => x instanceof PType && !DATA_TYPES.has(x.name));
    const got = v instanceof ResourceRef ? inspect(v) : resourceTypes ? 'Array[Type[Resource]]' : inferredTypeName(v);
    throw this.ev.error(`Illegal Resource Type expression, expected result to be a type name, or untitled Resource, got ${got}`, loc);
  }

  /**
   * Declares one resource of a core or defined type (resource expressions,
   * `create_resources`); `label` names the construct in errors.
   */
  /** `titleIsString: false`: the title came as another value (`create_resources`), which Puppet does not tag with. */
  declare(
    type: string, title: string, attrs: { name: string; value: Value }[], scope: Scope, form: ResourceExpr['form'], loc: Loc,
    label = 'Resource Statement', titleIsString = true,
  ): ResourceRef {
    const compilable = this.code.isCompilableType(type);
    const define = compilable ? undefined : this.code.findDefine(type);
    if (!compilable && !define) throw this.labelled(`Unknown resource type: '${type}'`, loc, label);
    const cap = capitalizeType(type);
    const existing = this.graph.find(cap, title);
    if (existing) {
      const at = existing.pos ? ` at (file: ${existing.pos.file}, line: ${existing.pos.line})` : '';
      throw this.labelled(`Duplicate declaration: ${cap}[${title}] is already declared${at}; cannot redeclare (file: ${this.files.current()}, line: ${loc.line})`, loc, label);
    }
    if (type !== 'stage' && attrs.some((a) => a.name === 'stage')) {
      throw this.labelled(`Only classes can set 'stage'; normal resources like ${cap}[${title}] cannot change run stage`, loc);
    }
    const r = new CatalogResource(cap, title, scope, this.ev.pos(loc), define ? 'defined_type' : 'compilable_type', define?.def);
    // A file titled with trailing slashes gets its canonical path first, as Puppet's title pattern sets it.
    if (cap === 'File' && canonicalTitle(cap, title) !== title && !attrs.some((a) => a.name === 'path')) r.params.set('path', canonicalTitle(cap, title));
    // Parameters first: Puppet tags from a `tag` parameter before the type and title.
    for (const a of attrs) r.setParam(a.name, a.value);
    if (compilable && !NON_ISOMORPHIC.has(type)) this.aliasByNamevar(r, type, loc);
    r.tag(type);
    if (titleIsString) r.tag(title);
    this.applyDefaults(r, scope.lookupDefaults(type));
    r.virtual = form !== 'regular';
    r.exported = form === 'exported';
    // Stages order the run; they are not contained by anything.
    this.addToCatalog(r, type === 'stage' ? undefined : scope.owner.resource, loc);
    if (define) this.definedFiles.set(r, define.file);
    return new ResourceRef(cap, title);
  }

  /** Packages are unique by (command, name, provider) rather than by title. */
  private readonly packageKeys = new Map<string, CatalogResource>();

  /**
   * Indexes a core or Ruby-typed resource under its namevar when it differs from the
   * title, so `Service['nginx']` finds `service { 'web': name => 'nginx' }`
   * and a second declaration is a duplicate; packages clash on their
   * composite key with Puppet's alias error.
   */
  private aliasByNamevar(r: CatalogResource, type: string, loc: Loc): void {
    const namevar = this.code.namevar(type);
    const named = r.params.get(namevar);
    const name = typeof named === 'string' ? named : r.title;
    if (type === 'package') {
      const q = (v: Value): string => (typeof v === 'string' ? JSON.stringify(v) : 'nil');
      const parts = [q(r.params.get('command')), q(name), q(r.params.get('provider'))].join(', ');
      const other = this.packageKeys.get(parts);
      if (other) {
        const at = other.pos ? ` (file: ${other.pos.file}, line: ${other.pos.line})` : '';
        throw this.labelled(`Cannot alias ${r.ref} to [${parts}] at (file: ${this.files.current()}, line: ${loc.line}); resource ["Package", ${parts}] already declared${at}`, loc);
      }
      this.packageKeys.set(parts, r);
      return;
    }
    if (canonicalTitle(r.type, name) === canonicalTitle(r.type, r.title)) return;
    const other = this.graph.find(r.type, name);
    if (other) {
      const at = other.pos ? ` at (file: ${other.pos.file}, line: ${other.pos.line})` : '';
      throw this.labelled(`Duplicate declaration: ${r.type}[${name}] is already declared${at}; cannot redeclare (file: ${this.files.current()}, line: ${loc.line})`, loc);
    }
    this.graph.alias(r, name);
  }

  /** The file of each defined-type instance's definition, for `$module_name` and errors. */
  readonly definedFiles = new Map<CatalogResource, string>();

  applyDefaults(r: CatalogResource, defaults: ReadonlyMap<string, Value>): void {
    for (const [k, v] of defaults) if (!r.params.has(k)) r.setParam(k, v);
  }

  private labelled(message: string, loc: Loc, label = 'Resource Statement'): PuppetError {
    return this.ev.error(`Error while evaluating a ${label}, ${message}`, loc);
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
        throw this.labelled(`Duplicate declaration: Class[${title}] is already declared; cannot redeclare (file: ${this.files.current()}, line: ${loc.line})`, loc, label);
      }
      return { resource: existing };
    }
    const found = this.code.findClass(name);
    if (!found) {
      throw this.labelled(params === undefined ? `Could not find class ::${name} for ${this.certname}` : `Could not find declared class ${name}`, loc, label);
    }
    if (found.def.parent) {
      if (!this.code.findClass(found.def.parent.replace(/^::/, '').toLowerCase())) {
        throw new PuppetError(`Could not find parent resource type '::${found.def.parent.replace(/^::/, '')}' of type hostclass in ${this.code.name}`, { file: found.file, line: found.def.loc.line, column: 0 }, 'plain');
      }
      this.ensureClass(found.def.parent, scope, undefined, loc, label);
    }
    // Only a resource-like declaration gives the class resource a kind and a place.
    const r = params === undefined
      ? new CatalogResource('Class', title, scope, undefined, 'unknown')
      : new CatalogResource('Class', title, scope, this.ev.pos(loc), 'class');
    // Parameters first: a `tag` parameter tags the class before its type and name, as for any resource.
    for (const p of params ?? []) r.setParam(p.name, p.value);
    r.tag('class', name);
    const tagParam = params?.find((p) => p.name === 'tag')?.value;
    if (tagParam !== undefined) this.graph.classTags.push(...r.tags.filter((t) => t !== 'class' && t !== name && !name.split('::').includes(t)));
    const stage = params?.find((p) => p.name === 'stage')?.value;
    const container = typeof stage === 'string' ? this.find('Stage', stage) : this.stageMain;
    if (!container) throw this.labelled(`Could not find stage ${String(stage)} specified by Class[${title}]`, loc, label);
    this.addToCatalog(r, container, loc);
    if (!this.graph.markers.includes('class')) this.graph.markers.push('class');
    this.classDecls.set(r, { def: found.def, file: found.file, loc, label, declFile: this.files.current(), evaluated: false });
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
      parentScope = this.vars.classScope(def.parent.replace(/^::/, '').toLowerCase());
    }
    // An inheriting class's scope hangs below its parent's: variables and resource defaults come from there.
    // Puppet lists a class when its evaluation starts (after its parent's).
    this.graph.classes.push(def.name);
    this.takeScopeTags(r);
    const cscope = new Scope('class', parentScope ?? nodeOrTop(r.scope), parentScope ?? r.scope, r, def.name);
    this.vars.addClass(def.name, cscope);
    cscope.vars.set('title', def.name);
    cscope.vars.set('name', def.name);
    cscope.vars.set('module_name', this.code.moduleOf(file));
    setCallerModule(cscope, r.scope);
    const given = [...r.params].map(([name, value]) => ({ name, value }));
    r.params.clear();
    try {
      this.budget.enterCall(loc);
      this.files.inFile(decl.declFile, () => this.files.inFile(file, () => {
        this.bindParams(r, def, given, cscope, loc, label, true);
        this.classBody(def.body, cscope);
      }));
    } finally { this.budget.leaveCall(); }
  }

  /** Binds a class's or define's parameters: given, then hiera (classes), then defaults; type-checked. */
  private bindParams(
    r: CatalogResource, def: ClassDef | DefineDef, given: { name: string; value: Value }[], scope: Scope, loc: Loc, label: string, hiera: boolean,
  ): void {
    const { declared, hieraKeys } = signatureOf(def);
    const hieraScope = (v: string): Value => this.vars.hieraVar(v, scope);
    for (const g of given) {
      if (!declared.has(g.name) && !METAPARAMS.has(g.name) && g.name !== 'name') {
        throw this.outer(`${r.ref}: has no parameter named '${g.name}'`, loc, label);
      }
      r.setParam(g.name, g.value);
    }
    const missing: string[] = [];
    for (let i = 0; i < def.params.length; i++) {
      const p = def.params[i]!;
      let value: Value;
      // An explicit `undef` is no value: hiera and the default apply.
      const given = r.params.has(p.name);
      let has = given && (r.params.get(p.name) !== undefined || !p.value);
      if (has) value = r.params.get(p.name);
      if (!has && hiera) {
        const h = this.code.hiera.lookup(hieraKeys[i]!, undefined, hieraScope, this.hieraMemo);
        // A key found with a null value does not trump a default (Puppet's inject_external_parameters),
        // but binds a parameter that has none to undef.
        if (h.found && h.value !== undefined) { value = h.value; has = true; r.params.set(p.name, value); }
        else if (h.found && !p.value) { value = undefined; has = true; }
      }
      if (!has) {
        if (!p.value) { missing.push(p.name); continue; }
        if (given) r.params.delete(p.name);
        const early = variablesIn(p.value).find((v) => declared.has(v) && !scope.vars.has(v));
        if (early) throw this.outer(`${r.ref}: default expression for $${p.name} tries to illegally access not yet evaluated $${early}`, loc, label);
        value = this.ev.eval(p.value, scope);
        if (value !== undefined) r.params.set(p.name, value);
      }
      if (p.type) {
        const t = this.ev.paramType(p.type, scope);
        if (t instanceof PType && !this.ev.isInstance(t, value)) {
          const why = describeMismatches(t, value, this.ev.aliasResolver);
          // Several problems are listed one per line, as Puppet's describer does.
          throw this.outer(why.length === 1 ? `${r.ref}: parameter '${p.name}' ${why[0]}` : `${r.ref}:${why.map((w) => `\n  parameter '${p.name}' ${w}`).join('')}`, loc, label);
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

  /**
   * A class or define takes its declaring scope's tags when its evaluation
   * starts (Puppet's `finish_evaluation`), so they come before tags its body
   * adds with `tag`; other resources take them when the catalog is finished.
   */
  private takeScopeTags(r: CatalogResource): void {
    const holder = r.scope.owner.resource;
    if (holder && holder !== r) r.mergeTags(holder);
  }

  /**
   * A class's body: `next()` and `return()` end it early; `break()` has no
   * loop to end (Puppet's "from context where this is illegal").
   */
  private classBody(body: Block, scope: Scope): void {
    try {
      this.ev.block(body, scope);
    } catch (sig) {
      if (!(sig instanceof ControlSignal)) throw sig;
      if (sig.kind === 'break') throw sig.illegal();
    }
  }

  /** An error located at the declaring expression, in the declaring file. */
  private outer(message: string, loc: Loc, label: string): PuppetError {
    const file = this.files.declaring();
    return new PuppetError(`Error while evaluating a ${label}, ${message}`, { file, line: loc.line, column: loc.column });
  }

  evaluateDefine(r: CatalogResource): void {
    r.evaluated = true;
    this.takeScopeTags(r);
    const def = r.definition as DefineDef;
    const scope = new Scope('define', nodeOrTop(r.scope), r.scope, r, def.name);
    scope.vars.set('title', r.title);
    scope.vars.set('name', r.params.has('name') ? r.params.get('name') : r.title);
    const file = this.definedFiles.get(r) ?? '';
    scope.vars.set('module_name', this.code.moduleOf(file));
    setCallerModule(scope, r.scope);
    const declFile = r.pos?.file ?? '';
    // Errors from the generator phase carry no column, as Puppet's do.
    const loc = { line: r.pos?.line ?? 0, column: 0 };
    this.files.inFile(declFile, () => this.files.inFile(file, () => {
      const given = [...r.params].map(([name, value]) => ({ name, value }));
      r.params.clear();
      this.bindParams(r, def, given, scope, loc, 'Resource Statement', false);
      try {
        this.ev.block(def.body, scope);
      } catch (e) {
        // `next()`/`return()` end the body; `break()` has no loop to end, and is not nested like other failures.
        if (e instanceof ControlSignal) { if (e.kind === 'break') throw e.illegal('Error while evaluating an Object, '); return; }
        // Puppet nests a failure inside a defined type's body in one about the instance; a bound stays itself.
        if (!(e instanceof PuppetError) || e instanceof CompileBoundError) throw e;
        throw rewrapped(e, `Error while evaluating a Resource Statement, ${describe(e, this.code.name)}`, { file: declFile, line: loc.line, column: 0 });
      }
    }));
  }

  defaults(type: string, attrs: readonly Attr[], scope: Scope): void {
    const values = this.ev.attrValues(attrs, scope, attrs[0]?.loc ?? { line: 0, column: 0 });
    const map = scope.ownDefaults(type);
    for (const a of values) map.set(a.name, a.value);
  }
}

/** A class's or define's parameters by name, and the hiera key of each (`ntp::servers`), built once per definition. */
interface Signature {
  readonly declared: ReadonlyMap<string, Param>;
  readonly hieraKeys: readonly string[];
}

const signatures = new WeakMap<ClassDef | DefineDef, Signature>();

function signatureOf(def: ClassDef | DefineDef): Signature {
  let sig = signatures.get(def);
  if (sig === undefined) {
    sig = { declared: new Map(def.params.map((p) => [p.name, p])), hieraKeys: def.params.map((p) => `${def.name}::${p.name}`) };
    signatures.set(def, sig);
  }
  return sig;
}

const variablesOf = new WeakMap<Expr, readonly string[]>();

/** The variables an expression reads (to catch defaults that use later parameters), found once per syntax node. */
function variablesIn(e: Expr): readonly string[] {
  const hit = variablesOf.get(e);
  if (hit) return hit;
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (x === null || typeof x !== 'object') return;
    const node = x as { t?: string; name?: string };
    if (node.t === 'var' && typeof node.name === 'string') out.push(node.name);
    for (const v of Object.values(x)) if (typeof v === 'object') walk(v);
  };
  walk(e);
  variablesOf.set(e, out);
  return out;
}

/** Classes and defines see node scope when declared under a node, else top scope. */
function nodeOrTop(scope: Scope): Scope {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.kind === 'node' || s.kind === 'top') return s;
  return scope;
}

/** `$caller_module_name`: the module of the class or define that declared this one (unset when declared outside modules). */
function setCallerModule(scope: Scope, declaring: Scope): void {
  const caller = declaring.lookup('module_name').value;
  if (caller !== undefined && caller !== '') scope.vars.set('caller_module_name', caller);
}

/** `Class[main]`, made before top scope (which it owns) and the catalog it heads. */
export function mainClass(): CatalogResource {
  const topScopeHolder = new Scope('top', undefined, undefined, undefined);
  const r = new CatalogResource('Class', 'main', topScopeHolder, undefined, 'unknown');
  r.params.set('name', 'main');
  r.tag('class');
  return r;
}
