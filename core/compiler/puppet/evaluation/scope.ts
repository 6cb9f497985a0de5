import type { CatalogResource } from '../catalog/catalog-resource.js';
import type { Value } from '../types/values.js';

const NO_DEFAULTS: ReadonlyMap<string, Value> = new Map();

/** Which construct opened a scope (`local`: lambdas and templates). */
export type ScopeKind = 'top' | 'node' | 'class' | 'define' | 'local';

/**
 * A variable scope. Variables resolve lexically (own, inherited class,
 * node, top); resource defaults resolve dynamically through `parent`, the
 * scope that declared this one, as Puppet 7 still does.
 */
export class Scope {
  readonly vars = new Map<string, Value>();
  /** Resource defaults set in this scope, by type; made by the first (most scopes, lambdas' among them, have none). */
  private defaults: Map<string, Map<string, Value>> | undefined;
  /** `$0`…`$n` of the last successful match in this scope. */
  captures: readonly (string | undefined)[] | undefined;

  constructor(
    readonly kind: ScopeKind,
    /** Where unqualified variables not set here are looked up next. */
    readonly lexical: Scope | undefined,
    /** The declaring scope, for resource defaults. */
    readonly parent: Scope | undefined,
    /** The class, node or defined-type resource that contains what is declared here. */
    readonly resource: CatalogResource | undefined,
    /** The class or defined type's name (`ntp::config`), for `$module_name`. */
    readonly name = '',
  ) {}

  /** A lambda's or a template's scope: sees this scope's variables, declares into this scope's resource. */
  child(): Scope {
    return new Scope('local', this, this, this.resource, this.name);
  }

  /** A variable's value (`undefined` also when no scope sets it: `lookup` tells the two apart). */
  value(name: string): Value {
    for (let s: Scope | undefined = this; s; s = s.lexical) {
      const v = s.vars.get(name);
      // An `undef` set here hides the variable further out.
      if (v !== undefined || s.vars.has(name)) return v;
    }
    return undefined;
  }

  lookup(name: string): { found: boolean; value: Value } {
    for (let s: Scope | undefined = this; s; s = s.lexical) {
      if (s.vars.has(name)) return { found: true, value: s.vars.get(name) };
    }
    return { found: false, value: undefined };
  }

  /** The innermost `$n` capture visible from here. */
  capture(n: number): Value {
    for (let s: Scope | undefined = this; s; s = s.kind === 'local' ? s.lexical : undefined) {
      if (s.captures) return s.captures[n];
    }
    return undefined;
  }

  /** The defaults this scope itself sets for a type (`File { … }`), made on first use. */
  ownDefaults(type: string): Map<string, Value> {
    this.defaults ??= new Map();
    let d = this.defaults.get(type);
    if (d === undefined) this.defaults.set(type, d = new Map());
    return d;
  }

  /** Defaults for a type, the declaring scopes' first so nearer ones win. */
  lookupDefaults(type: string): ReadonlyMap<string, Value> {
    let chain: Map<string, Value>[] | undefined;
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const d = s.defaults?.get(type);
      if (d) (chain ??= []).push(d);
    }
    if (!chain) return NO_DEFAULTS;
    if (chain.length === 1) return chain[0]!;
    const out = new Map<string, Value>();
    for (let i = chain.length - 1; i >= 0; i--) for (const [k, v] of chain[i]!) out.set(k, v);
    return out;
  }

  /** The enclosing class or define scope (lambdas and templates declare into it). */
  get owner(): Scope {
    let s: Scope = this;
    while (s.kind === 'local' && s.lexical) s = s.lexical;
    return s;
  }
}
