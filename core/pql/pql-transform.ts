/**
 * The shaping rules of PuppetDB's `pql/transform.clj`, applied to the
 * pieces the parser reads. They are PuppetDB's quirks, kept so an AST
 * compiled here equals the one PuppetDB compiles.
 */
import type { PqlAst, PqlEntity, PqlQuery } from './pql-ast.js';

/** One item of a `from`: `["extract", …]`, a filter, `["group_by", …]`, `["limit", n]`, `["offset", n]`, `["order_by", […]]`. */
export type Clause = PqlAst;

const PAGING: ReadonlySet<PqlAst> = new Set(['limit', 'offset', 'order_by']);

const head = (clause: PqlAst | undefined): PqlAst | undefined => (Array.isArray(clause) ? (clause as readonly PqlAst[])[0] : undefined);

/**
 * `transform-from`: with a projection and anything besides paging, the
 * filter and `group_by` move inside the `extract`
 * (`["extract", fields, filter, group_by]`) and the paging clauses follow
 * it; otherwise the clauses stay as written.
 */
export function assembleFrom(entity: PqlEntity, extract: Clause | undefined, clauses: readonly Clause[]): PqlQuery {
  const all = extract === undefined ? clauses : [extract, ...clauses];
  const [first, ...rest] = all.filter((c) => !PAGING.has(head(c) ?? null));
  if (head(first) === 'extract' && rest.length > 0) {
    return ['from', entity, [...(first as readonly PqlAst[]), ...rest], ...all.filter((c) => PAGING.has(head(c) ?? null))];
  }
  return ['from', entity, ...all];
}

/**
 * `transform-subquery` takes the entity and at most one clause; PuppetDB
 * fails on more (an arity error), so undefined here.
 */
export function assembleSubquery(entity: PqlEntity, clauses: readonly Clause[]): PqlAst | undefined {
  if (clauses.length > 1) return undefined;
  return ['subquery', entity, ...clauses];
}

/**
 * `transform-expr-or` / `-and`: one operand stands alone; several make
 * `[op, …]`, and an operand that is itself `[op, …]` (a parenthesised
 * group) is spliced in: `(a or b) or c` is `["or", a, b, c]`.
 */
export function combine(op: 'or' | 'and', parts: readonly PqlAst[]): PqlAst {
  if (parts.length === 1) return parts[0]!;
  return [op, ...parts.flatMap((p) => (head(p) === op ? (p as readonly PqlAst[]).slice(1) : [p]))];
}
