import type { ExportedResourceLookup } from '../../catalog-compiler.js';
import { CatalogGraph } from '../catalog/catalog-graph.js';
import { CatalogResource } from '../catalog/catalog-resource.js';
import { FUNCTIONS } from '../functions/function-registry.js';
import type { EnvironmentCode } from '../loader/environment-code.js';
import type { Hiera, HieraMemo } from '../loader/hiera.js';
import type { Lambda, Loc, Program } from '../syntax/ast.types.js';
import { fromJson, inspect, isHash, PType, ResourceRef, SensitiveValue, toStr, type Value } from '../types/values.js';
import type { CompileLimits } from './compile-budget.js';
import { ControlSignal } from './control-signal.js';
import { Evaluator } from './evaluator.js';
import { Scope } from './scope.js';

/** What one compile needs besides the code. */
export interface CompilationInput {
  readonly certname: string;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly trusted: Readonly<Record<string, unknown>>;
  readonly exported: ExportedResourceLookup;
  readonly serverVersion: string;
  readonly warn?: (message: string) => void;
  readonly limits: CompileLimits;
  /** When the compile started (`performance.now()`): its deadline counts from here. */
  readonly started: number;
}

/**
 * The state one compile starts from — top scope with facts, `$trusted` and
 * `$server_facts`, `Stage[main]`, `Class[main]` — and the lookups the
 * evaluator delegates: qualified variables, type aliases, templates,
 * `defined()`, the file being evaluated.
 */
export abstract class CompileContext extends Evaluator {
  readonly graph = new CatalogGraph();
  protected readonly classScopes = new Map<string, Scope>();
  private readonly fileStack: string[] = [];
  readonly hiera: Hiera;
  /** Hiera layers of this node, resolved once per compile. */
  readonly hieraMemo: HieraMemo = new Map();
  readonly top: Scope;
  protected readonly stageMain: CatalogResource;
  protected readonly mainClass: CatalogResource;

  constructor(readonly code: EnvironmentCode, readonly input: CompilationInput) {
    super(() => this.fileStack[this.fileStack.length - 1] ?? '', input.limits, input.started);
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
    v.set('facts', factsHash);
    v.set('trusted', fromJson({
      authenticated: 'remote', certname, extensions: {}, hostname: certname.split('.')[0], domain: certname.split('.').slice(1).join('.'),
      ...trusted,
    }));
    v.set('server_facts', fromJson({ serverversion: this.input.serverVersion, environment: this.code.name }));
    v.set('title', 'main');
    v.set('name', 'main');
  }

  /** Adds a declared resource to the catalog, within the resource bound. */
  protected addToCatalog(r: CatalogResource, container: CatalogResource | undefined, loc: Loc): void {
    this.budget.resources(this.graph.resources.length + 1, loc);
    this.graph.add(r, container);
  }

  inFile<T>(file: string, f: () => T): T {
    this.fileStack.push(file);
    try { return f(); } finally { this.fileStack.pop(); }
  }

  /** The file that declared what is being evaluated (one level out). */
  protected declaringFile(): string {
    return this.fileStack[this.fileStack.length - 2] ?? this.file();
  }

  resourceAttribute(ref: ResourceRef, name: Value, loc: Loc): Value {
    const r = this.find(ref.type, ref.title);
    if (!r) throw this.error(`Resource not found: ${inspect(ref)}`, loc);
    return r.params.get(toStr(name));
  }

  find(type: string, title: string): CatalogResource | undefined {
    return this.graph.find(type, title);
  }

  hieraVar(name: string, scope: Scope): Value {
    return name.includes('::') ? this.qualifiedVar(name, { line: 0, column: 0 }, true) : scope.lookup(name).value;
  }

  hasQualifiedVar(name: string): boolean {
    const i = name.lastIndexOf('::');
    const leaf = name.slice(i + 2);
    for (let s = this.classScopes.get(name.slice(0, i).replace(/^::/, '').toLowerCase()); s && s.kind === 'class'; s = s.lexical) if (s.vars.has(leaf)) return true;
    return false;
  }

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
    // The class's own variables, then its inherited classes' (never node or top scope).
    const leaf = bare.slice(i + 2);
    for (let s: Scope | undefined = scope; s && s.kind === 'class'; s = s.lexical) if (s.vars.has(leaf)) return s.vars.get(leaf);
    return undefined;
  }

  /** Type aliases resolved in this compile; an alias being resolved stands for itself (recursive aliases). */
  private readonly aliases = new Map<string, PType | undefined>();

  resolveAlias(name: string): PType | undefined {
    if (this.aliases.has(name)) return this.aliases.get(name) ?? new PType(name);
    const found = this.code.findAlias(name);
    if (!found) return undefined;
    this.aliases.set(name, undefined);
    try {
      const v = this.inFile(found.file, () => this.eval(found.def.value, this.top));
      const t = v instanceof PType ? v : undefined;
      this.aliases.set(name, t);
      return t;
    } catch (e) {
      this.aliases.delete(name);
      throw e;
    }
  }

  warn(message: string, loc: Loc): void {
    this.input.warn?.(`${message} (file: ${this.file()}, line: ${loc.line}, column: ${loc.column})`);
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

  /** Renders an EPP template with its parameters bound in a fresh scope under top scope. */
  renderEpp(program: Program, args: Value, loc: Loc): Value {
    const scope = new Scope('local', this.top, this.top, this.top.resource);
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
      this.inFile(program.file, () => this.block(program.body, scope));
      const text = this.budget.join(this.eppOut[this.eppOut.length - 1]!, '', loc);
      // A template that rendered a Sensitive value is itself Sensitive.
      return this.eppSensitive[this.eppSensitive.length - 1] ? new SensitiveValue(text) : text;
    } finally { this.eppOut.pop(); this.eppSensitive.pop(); this.budget.leaveCall(); }
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
}
