import type { Attr, Expr, Lambda, Loc, ResourceExpr } from '../syntax/ast.types.js';
import type { PType, ResourceRef, Value } from '../types/values.js';
import type { Scope } from './scope.js';

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
