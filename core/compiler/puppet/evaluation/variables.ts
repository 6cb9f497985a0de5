import type { Loc } from '../syntax/ast.types.js';
import { fromJson, type Value } from '../types/values.js';
import type { Scope } from './scope.js';

/** What top scope is made from: the node and the server. */
export interface TopScopeInput {
  readonly certname: string;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly trusted: Readonly<Record<string, unknown>>;
  readonly serverVersion: string;
}

/**
 * The compile's variables beyond a scope's own: top scope (facts,
 * `$trusted`, `$server_facts`) and the scopes of evaluated classes, which
 * qualified names (`$ntp::servers`) and Hiera's interpolation read.
 */
export class Variables {
  private readonly classScopes = new Map<string, Scope>();

  constructor(
    readonly top: Scope,
    environment: string,
    input: TopScopeInput,
    /** Warns, located in the file being evaluated. */
    private readonly warn: (message: string, loc: Loc) => void,
  ) {
    setTopVariables(top, environment, input);
  }

  /** Records an evaluated class's scope under its name (`ntp::config`). */
  addClass(name: string, scope: Scope): void {
    this.classScopes.set(name, scope);
  }

  classScope(name: string): Scope | undefined {
    return this.classScopes.get(name);
  }

  /** A variable as Hiera's interpolation sees it (`%{facts.x}`, `%{::fqdn}`). */
  hieraVar(name: string, scope: Scope): Value {
    return name.includes('::') ? this.qualifiedVar(name, { line: 0, column: 0 }, true) : scope.lookup(name).value;
  }

  /** Whether a qualified variable is set (to any value, `undef` included). */
  hasQualifiedVar(name: string): boolean {
    const i = name.lastIndexOf('::');
    const leaf = name.slice(i + 2);
    for (let s = this.classScopes.get(name.slice(0, i).replace(/^::/, '').toLowerCase()); s && s.kind === 'class'; s = s.lexical) if (s.vars.has(leaf)) return true;
    return false;
  }

  /** `$::x` (top scope) or `$cls::x`; `quiet`: no warning when the class has not been evaluated. */
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
}

function setTopVariables(top: Scope, environment: string, input: TopScopeInput): void {
  const { facts, trusted, certname } = input;
  const v = top.vars;
  // Legacy top-scope facts share their values with `$facts` (converted once).
  const factsHash = fromJson(facts) as ReadonlyMap<Value, Value>;
  for (const [k, x] of factsHash) v.set(String(k), x);
  v.set('environment', environment);
  v.set('facts', factsHash);
  v.set('trusted', fromJson({
    authenticated: 'remote', certname, extensions: {}, hostname: certname.split('.')[0], domain: certname.split('.').slice(1).join('.'),
    ...trusted,
  }));
  v.set('server_facts', fromJson({ serverversion: input.serverVersion, environment }));
  v.set('title', 'main');
  v.set('name', 'main');
}
