// Random well-formed PQL together with the AST PuppetDB makes of it. The
// AST is built here from the grammar's meaning (transform.clj's rules), not
// by the parser under test, so a property comparing the two checks both.
import fc from 'fast-check';
import { PQL_ENTITIES, PQL_FUNCTIONS, type PqlAst } from '../../../core/pql/pql-ast.js';

/** A piece of query text and the AST it stands for. */
export interface Piece {
  readonly text: string;
  readonly ast: PqlAst;
}

const piece = (text: string, ast: PqlAst): Piece => ({ text, ast });

/** Optional whitespace (Java's `\s`: space, tab, newline, carriage return, form feed, vertical tab). */
const ows = fc.constantFrom('', '', ' ', '  ', '\n', '\t', ' \r\n ', '\f', '\v');
/** Required whitespace. */
const rws = fc.constantFrom(' ', ' ', '\n', '\t ', '\r\n');

const entity = fc.constantFrom(...PQL_ENTITIES);

/** `certname`, `latest_report?`: never starting with `asc`/`desc`, which `order by` refuses. */
const plainField = fc.tuple(fc.stringMatching(/^[a-zA-Z0-9_]{1,10}$/), fc.boolean())
  .filter(([name]) => !/^(asc|desc)/.test(name))
  .map(([name, question]) => (question ? `${name}?` : name));

/** `facts.os.family`, `trusted."a b".c`, `facts.disks[0]`, `facts.x.match("sd.*")`. */
const dottedField = fc.tuple(
  fc.constantFrom('facts', 'trusted', 'parameters'),
  fc.array(fc.oneof(
    fc.stringMatching(/^"[a-z .,=-]{0,6}"$/).map((s) => ({ s, last: false })),
    fc.stringMatching(/^match\("[a-z.* ]{0,6}"\)$/).map((s) => ({ s, last: true })),
    // Not `match(`: a later `)` could make it a regexp segment, an ambiguity PuppetDB resolves arbitrarily.
    fc.tuple(fc.stringMatching(/^[a-zA-Z0-9_κό😁{}()'-]{1,8}$/).filter((s) => !s.includes('match(')), fc.option(fc.nat(20))).map(([s, i]) => ({ s: i === null ? s : `${s}[${i}]`, last: true })),
  ), { maxLength: 3 }),
  fc.stringMatching(/^[a-z0-9_]{1,8}$/),
).map(([root, segments, leaf]) => [root, ...segments.map((x) => x.s), leaf].join('.'));

/** A field before an operator or inside `[…]`, where any field may stand. */
const anyField = fc.oneof(plainField, dottedField);

// ---- literals -----------------------------------------------------------

/** A double-quoted string: any text, JSON-escaped. */
const dqString = fc.string({ unit: 'binary', maxLength: 12 }).map((v) => piece(JSON.stringify(v), v));
/** A single-quoted string: `\'` is the only escape; other backslashes stay as they are. */
const sqString = fc.array(fc.constantFrom('a', 'Z', ' ', '.', '*', '"', "'", '\n', '\\n', '\\t', 'é', '😁'), { maxLength: 8 })
  .map((parts) => parts.join(''))
  .map((v) => piece(`'${v.replaceAll("'", "\\'")}'`, v));
export const stringLiteral = fc.oneof(dqString, sqString);

const integer = fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }).map((n) => piece(String(n), n));
const real = fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.stringMatching(/^[0-9]{1,6}$/), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 300 }))))
  .map(([whole, fraction, exp]) => `${whole}.${fraction}${exp === null ? '' : exp.join('')}`)
  .map((text) => piece(text, Number(text)));
const bool = fc.boolean().map((b) => piece(String(b), b));
const scalar = fc.oneof(stringLiteral, integer, real, bool);

/** `a, b, c` with optional whitespace around the commas. */
function commaList(items: fc.Arbitrary<Piece>, minLength = 1): fc.Arbitrary<Piece[] & { text: string }> {
  return fc.tuple(fc.array(fc.tuple(items, ows, ows), { minLength, maxLength: 4 })).map(([xs]) => {
    const text = xs.map(([x, before, after], i) => (i === 0 ? x.text : `${before},${after}${x.text}`)).join('');
    return Object.assign(xs.map(([x]) => x), { text });
  });
}

const bracketed = (items: fc.Arbitrary<Piece>): fc.Arbitrary<{ text: string; asts: PqlAst[] }> =>
  fc.tuple(ows, commaList(items), ows).map(([a, xs, b]) => ({ text: `[${a}${xs.text}${b}]`, asts: xs.map((x) => x.ast) }));

const { literal } = fc.letrec<{ literal: Piece }>((tie) => ({
  literal: fc.oneof({ maxDepth: 2, depthIdentifier: 'literal' }, scalar, bracketed(tie('literal')).map(({ text, asts }) => piece(text, asts))),
}));

// ---- projections, group by, paging --------------------------------------

/** `count()`, `avg(value)`, `to_string(receive_time, "HH24")`. */
const func = fc.tuple(fc.constantFrom(...PQL_FUNCTIONS), ows, ows, fc.option(fc.tuple(fc.oneof(plainField.map((f) => piece(f, f)), stringLiteral), fc.array(fc.tuple(ows, ows, stringLiteral), { maxLength: 2 }))), ows)
  .map(([name, a, b, args, c]) => {
    if (args === null) return piece(`${name}${a}(${b}${c})`, ['function', name]);
    const [first, rest] = args;
    const text = first.text + rest.map(([x, y, s]) => `${x},${y}${s.text}`).join('');
    return piece(`${name}${a}(${b}${text}${c})`, ['function', name, first.ast, ...rest.map(([, , s]) => s.ast)]);
  });

const projectionItem = fc.oneof(anyField.map((f) => piece(f, f)), func);
/** Before `}` only plain fields: a dotted path's last segment would swallow the brace. */
const groupByItem = fc.oneof(plainField.map((f) => piece(f, f)), func);

const extract = fc.tuple(ows, fc.option(commaList(projectionItem)), ows)
  .map(([a, xs, b]) => piece(`[${a}${xs?.text ?? ''}${b}]`, ['extract', xs === null ? [] : xs.map((x) => x.ast)]));

const groupBy = fc.tuple(rws, commaList(groupByItem)).map(([w, xs]) => piece(`group by${w}${xs.text}`, ['group_by', ...xs.map((x) => x.ast)]));

const orderParam = fc.tuple(plainField, fc.option(fc.tuple(rws, fc.constantFrom('asc', 'desc'))), ows)
  .map(([f, dir, trailing]) => piece(`${f}${dir === null ? '' : dir.join('')}${trailing}`, dir === null ? f : [f, dir[1]]));
const paging = fc.oneof(
  fc.tuple(fc.constantFrom('limit', 'offset'), rws, integer).map(([word, w, n]) => piece(`${word}${w}${n.text}`, [word, n.ast])),
  fc.tuple(rws, fc.array(fc.tuple(orderParam, ows), { minLength: 1, maxLength: 3 })).map(([w, ps]) =>
    piece(`order by${w}${ps.map(([p, after], i) => (i === 0 ? p.text : `,${after}${p.text}`)).join('')}`, ['order_by', ps.map(([p]) => p.ast)])),
);

// ---- expressions and queries ---------------------------------------------

const combine = (op: 'and' | 'or', parts: readonly PqlAst[]): PqlAst =>
  (parts.length === 1 ? parts[0]! : [op, ...parts.flatMap((p) => (Array.isArray(p) && p[0] === op ? p.slice(1) : [p]))]);

/** PuppetDB's transform-from: filter and group by join a projection; paging follows. */
function fromAst(entityName: string, clauses: readonly PqlAst[]): PqlAst {
  const isPaging = (c: PqlAst): boolean => Array.isArray(c) && ['limit', 'offset', 'order_by'].includes(c[0] as string);
  const [first, ...others] = clauses.filter((c) => !isPaging(c));
  if (Array.isArray(first) && first[0] === 'extract' && others.length > 0) return ['from', entityName, [...first, ...others], ...clauses.filter(isPaging)];
  return ['from', entityName, ...clauses];
}

// A type alias, not an interface: fc.letrec types its tie only for records.
type Pql = {
  expr: Piece;
  operand: Piece;
  query: Piece;
};

const pql = fc.letrec<Pql>((tie) => {
  const condition = fc.oneof(
    fc.tuple(anyField, ows, fc.constantFrom('=', '!=', '!~'), ows, literal).map(([f, a, op, b, v]) =>
      piece(`${f}${a}${op}${b}${v.text}`, op === '=' ? ['=', f, v.ast] : ['not', [op === '!=' ? '=' : '~', f, v.ast]])),
    fc.tuple(anyField, ows, ows, stringLiteral).map(([f, a, b, s]) => piece(`${f}${a}~${b}${s.text}`, ['~', f, s.ast])),
    fc.tuple(anyField, ows, fc.constantFrom('<', '<=', '>', '>='), ows, fc.oneof(integer, real, stringLiteral)).map(([f, a, op, b, v]) => piece(`${f}${a}${op}${b}${v.text}`, [op, f, v.ast])),
    fc.tuple(anyField, ows, ows, bracketed(stringLiteral)).map(([f, a, b, l]) => piece(`${f}${a}~>${b}${l.text}`, ['~>', f, l.asts])),
    fc.tuple(anyField, rws, fc.boolean()).map(([f, w, isNull]) => piece(`${f}${w}is ${isNull ? '' : 'not '}null`, ['null?', f, isNull])),
    fc.tuple(fc.oneof(anyField.map((f) => piece(f, f)), bracketed(projectionItem).map(({ text, asts }) => piece(text, asts))), rws, ows,
      fc.oneof(bracketed(literal).map(({ text, asts }) => piece(text, ['array', asts])), tie('query')))
      .map(([lhs, a, b, rhs]) => piece(`${lhs.text}${a}in${b}${rhs.text}`, ['in', lhs.ast, rhs.ast])),
  );
  // An implicit subquery holds a filter or one modifier, never both (PuppetDB fails on more).
  const subquery = fc.tuple(entity, ows, ows, fc.option(fc.oneof(tie('expr'), paging, groupBy)), ows)
    .map(([e, a, b, clause, c]) => piece(`${e}${a}{${b}${clause?.text ?? ''}${c}}`, clause === null ? ['subquery', e] : ['subquery', e, clause.ast]));
  const parenthesised = fc.tuple(ows, tie('expr'), ows).map(([a, e, b]) => piece(`(${a}${e.text}${b})`, e.ast));
  const negated = fc.tuple(fc.array(ows, { maxLength: 2 }), fc.oneof({ maxDepth: 3, depthIdentifier: 'pql' }, condition, parenthesised, subquery))
    .map(([nots, x]) => piece(nots.map((w) => `!${w}`).join('') + x.text, nots.reduce<PqlAst>((ast) => ['not', ast], x.ast)));
  const chain = (op: 'and' | 'or', operand: fc.Arbitrary<Piece>): fc.Arbitrary<Piece> =>
    fc.array(fc.tuple(rws, rws, operand), { minLength: 1, maxLength: 3 })
      .map((xs) => piece(xs.map(([a, b, x], i) => (i === 0 ? x.text : `${a}${op}${b}${x.text}`)).join(''), combine(op, xs.map(([, , x]) => x.ast))));
  return {
    operand: negated,
    expr: chain('or', chain('and', tie('operand'))),
    query: fc.tuple(entity, fc.option(fc.tuple(ows, extract)), ows, ows, fc.option(tie('expr')), ows, fc.oneof(
      groupBy.map((g) => [[g, '']] as const),
      // A field ending an order by would swallow a paging keyword written right after it.
      fc.array(fc.tuple(paging, ows, rws).map(([p, o, r]) => [p, p.text.startsWith('order by') ? r : o] as const), { maxLength: 3 }),
    ), ows).map(([e, ex, a, b, filter, c, tail, d]) => {
      const clauses = [...(ex === null ? [] : [ex[1]]), ...(filter === null ? [] : [filter]), ...tail.map(([t]) => t)];
      const text = `${e}${ex === null ? '' : ex[0] + ex[1].text}${a}{${b}${filter?.text ?? ''}${c}${tail.map(([t, w]) => t.text + w).join('')}${d}}`;
      return piece(text, fromAst(e, clauses.map((x) => x.ast)));
    }),
  };
});

/** A whole PQL query, with surrounding whitespace, and its AST. */
export const pqlQuery: fc.Arbitrary<Piece> = fc.tuple(ows, pql.query, ows).map(([a, q, b]) => piece(`${a}${q.text}${b}`, q.ast));
