import type { CatalogGraph } from '../catalog/catalog-graph.js';
import type { CatalogResource } from '../catalog/catalog-resource.js';
import type { CompileBudget } from '../evaluation/compile-budget.js';
import type { Scope } from '../evaluation/scope.js';
import type { EnvironmentCode } from '../loader/environment-code.js';
import type { Hiera, HieraMemo } from '../loader/hiera.js';
import type { SourcePos } from '../puppet-error.js';
import type { Expr, Lambda, Loc, Program, ResourceExpr } from '../syntax/ast.types.js';
import type { PType, ResourceRef, Value } from '../types/values.js';

/**
 * All a built-in function may ask of the compile that calls it. Functions are
 * typed against this, not against `Compilation` or the parts it is composed
 * of (it imports the function table): the compiler's import graph stays
 * acyclic. `Compilation` implements it, delegating to its parts.
 */
export interface FunctionContext {
  // ---- evaluating ----
  /** This compile's bounds: functions charge what they build. */
  readonly budget: Pick<CompileBudget, 'step' | 'charge' | 'string' | 'collection' | 'flat' | 'join' | 'limits'>;
  eval(e: Expr, scope: Scope): Value;
  /** Calls a lambda; `userFunction` names the Puppet function whose body it is (for errors). */
  callLambda(l: Lambda, args: readonly Value[], scope: Scope, userFunction?: string): Value;
  /** Calls a function by name as a call expression would (Puppet's, the environment's, a module's). */
  call(name: string, args: Value[], scope: Scope, loc: Loc, lambda?: Lambda, label?: string): Value;
  renderEpp(program: Program, args: Value, loc: Loc): Value;
  /** Where `loc` is in the file being evaluated. */
  pos(loc: Loc): SourcePos;
  warn(message: string, loc: Loc): void;

  // ---- variables and types ----
  readonly top: Scope;
  variable(name: string, scope: Scope, loc: Loc): Value;
  qualifiedVar(name: string, loc: Loc, quiet?: boolean): Value;
  typeValue(name: string, loc: Loc): Value;
  resolveAlias(name: string): PType | undefined;
  isInstance(t: PType, v: Value): boolean;
  /** Puppet's wording of why `v` is not a `t`. */
  mismatch(t: PType, v: Value): string;
  /** `defined()`: a type, class, define, function, variable or resource of that name exists. */
  isDefined(v: Value, scope: Scope): boolean;

  // ---- data ----
  readonly code: Pick<EnvironmentCode, 'name' | 'moduleRoot' | 'template' | 'templateSource' | 'findFunction' | 'rubyTypeShape'>;
  readonly hiera: Pick<Hiera, 'lookup'>;
  /** Hiera layers of this node, resolved once per compile. */
  readonly hieraMemo: HieraMemo;
  /** A variable as Hiera's interpolation sees it (`%{facts.x}`, `%{::fqdn}`). */
  hieraVar(name: string, scope: Scope): Value;

  // ---- the catalog ----
  readonly graph: Pick<CatalogGraph, 'resources' | 'classes'>;
  find(type: string, title: string): CatalogResource | undefined;
  declare(
    type: string, title: string, attrs: { name: string; value: Value }[], scope: Scope, form: ResourceExpr['form'], loc: Loc, label?: string, titleIsString?: boolean,
  ): ResourceRef;
  declareClasses(names: readonly string[], scope: Scope, params: { name: string; value: Value }[] | undefined, loc: Loc, label: string): ResourceRef[];
  contain(scope: Scope, ref: ResourceRef): void;
  realize(refs: ResourceRef[], loc: Loc): void;
}
