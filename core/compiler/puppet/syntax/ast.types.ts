/**
 * The Puppet language's syntax tree. Every node carries its position so
 * evaluation errors point where Puppet would point.
 */
export interface Loc {
  readonly line: number;
  readonly column: number;
}

/** Every expression and statement of the language (statements are expressions in Puppet 4+). */
export type Expr =
  | { readonly t: 'str'; readonly v: string; readonly loc: Loc }
  | { readonly t: 'interp'; readonly parts: readonly (string | Expr)[]; readonly loc: Loc }
  | { readonly t: 'num'; readonly v: number; readonly float: boolean; readonly loc: Loc }
  | { readonly t: 'bool'; readonly v: boolean; readonly loc: Loc }
  | { readonly t: 'undef'; readonly loc: Loc }
  | { readonly t: 'default'; readonly loc: Loc }
  | { readonly t: 'regex'; readonly v: string; readonly loc: Loc }
  | { readonly t: 'var'; readonly name: string; readonly loc: Loc }
  | { readonly t: 'name'; readonly v: string; readonly loc: Loc }
  | { readonly t: 'type'; readonly v: string; readonly loc: Loc }
  | { readonly t: 'array'; readonly items: readonly Expr[]; readonly loc: Loc }
  | { readonly t: 'hash'; readonly entries: readonly (readonly [Expr, Expr])[]; readonly loc: Loc }
  | { readonly t: 'access'; readonly target: Expr; readonly keys: readonly Expr[]; readonly loc: Loc }
  | { readonly t: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly loc: Loc; /** the operator, where Puppet locates comparison and overflow errors */ readonly opLoc?: Loc }
  | { readonly t: 'unary'; readonly op: '-' | '!' | '*'; readonly e: Expr; readonly loc: Loc }
  | { readonly t: 'assign'; readonly op: '='; readonly target: Expr; readonly value: Expr; readonly loc: Loc }
  | { readonly t: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly lambda?: Lambda; readonly loc: Loc }
  | { readonly t: 'method'; readonly recv: Expr; readonly name: string; readonly args: readonly Expr[]; readonly lambda?: Lambda; readonly loc: Loc }
  | { readonly t: 'if'; readonly unless: boolean; readonly cond: Expr; readonly then: Block; readonly else?: Block; readonly loc: Loc }
  | { readonly t: 'case'; readonly subject: Expr; readonly branches: readonly CaseBranch[]; readonly loc: Loc }
  | { readonly t: 'select'; readonly subject: Expr; readonly branches: readonly (readonly [Expr, Expr])[]; readonly loc: Loc }
  | { readonly t: 'relation'; readonly op: '->' | '~>' | '<-' | '<~'; readonly left: Expr; readonly right: Expr; readonly loc: Loc }
  | ResourceExpr
  | { readonly t: 'defaults'; readonly type: string; readonly attrs: readonly Attr[]; readonly loc: Loc }
  | { readonly t: 'override'; readonly ref: Expr; readonly attrs: readonly Attr[]; readonly loc: Loc }
  | { readonly t: 'collect'; readonly type: string; readonly exported: boolean; readonly query?: Expr; readonly attrs?: readonly Attr[]; readonly loc: Loc }
  | { readonly t: 'block'; readonly body: Block; readonly loc: Loc }
  | { readonly t: 'epp_text'; readonly v: string; readonly loc: Loc }
  | { readonly t: 'epp_render'; readonly e: Expr; readonly loc: Loc }
  | Definition;

/** A sequence of statements: a manifest, a class body, a lambda body. */
export type Block = readonly Expr[];

/** `'a', 'b': { … }` in a case expression. */
export interface CaseBranch {
  readonly values: readonly Expr[];
  readonly body: Block;
}

/** `name => value` (or `+>` in overrides) in a resource body. */
export interface Attr {
  /** `*` for an attribute splat. */
  readonly name: string;
  readonly op: '=>' | '+>';
  readonly value: Expr;
  readonly loc: Loc;
}

/** One `title: attributes` body of a resource expression. */
export interface ResourceBody {
  readonly title: Expr;
  readonly attrs: readonly Attr[];
}

/** `type { title: … }`, `@type { … }` or `@@type { … }`. */
export interface ResourceExpr {
  readonly t: 'resource';
  /** Lower-case type name (`file`, `apache::vhost`, `class`); empty when `typeExpr` gives it. */
  readonly type: string;
  /** `Resource[$t] { … }`: an expression evaluated to the type. */
  readonly typeExpr?: Expr;
  readonly form: 'regular' | 'virtual' | 'exported';
  readonly bodies: readonly ResourceBody[];
  readonly loc: Loc;
}

/** A class, define, function, lambda or EPP parameter. */
export interface Param {
  readonly name: string;
  readonly type?: Expr;
  readonly value?: Expr;
  readonly captures: boolean;
  readonly loc: Loc;
}

/** `|$x| { … }` passed to a function call. */
export interface Lambda {
  readonly params: readonly Param[];
  readonly body: Block;
  readonly loc: Loc;
}

/** Named definitions, registered when a file is loaded rather than evaluated in place. */
export type Definition =
  | { readonly t: 'class'; readonly name: string; readonly params: readonly Param[]; readonly parent?: string; readonly body: Block; readonly loc: Loc }
  | { readonly t: 'define'; readonly name: string; readonly params: readonly Param[]; readonly body: Block; readonly loc: Loc }
  | { readonly t: 'node'; readonly matches: readonly Expr[]; readonly body: Block; readonly loc: Loc }
  | { readonly t: 'function'; readonly name: string; readonly params: readonly Param[]; readonly returnType?: Expr; readonly body: Block; readonly loc: Loc }
  | { readonly t: 'typealias'; readonly name: string; readonly value: Expr; readonly loc: Loc };

/** A parsed file: its statements, and for EPP its declared parameters. */
export interface Program {
  readonly file: string;
  readonly body: Block;
  readonly eppParams?: readonly Param[];
}
