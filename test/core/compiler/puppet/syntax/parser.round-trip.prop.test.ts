import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PuppetError } from '../../../../../core/compiler/puppet/puppet-error.js';
import { printBlock } from '../../../../../core/compiler/puppet/syntax/ast-printer.js';
import type { Attr, Expr } from '../../../../../core/compiler/puppet/syntax/ast.types.js';
import { parseManifest } from '../../../../../core/compiler/puppet/syntax/parser.js';

const loc = { line: 1, column: 1 };
const KEYWORDS = new Set(['and', 'or', 'in', 'if', 'elsif', 'else', 'unless', 'case', 'default', 'class', 'define', 'node', 'inherits', 'true', 'false', 'undef', 'function', 'type', 'attr', 'private', 'application', 'consumes', 'produces', 'site']);
const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((s) => !KEYWORDS.has(s));
const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', 'and', 'or', 'in', '<<', '>>'];

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 8 }).map((v): Expr => ({ t: 'str', v, loc })),
    fc.nat({ max: 10_000 }).map((v): Expr => ({ t: 'num', v, float: false, loc })),
    fc.boolean().map((v): Expr => ({ t: 'bool', v, loc })),
    fc.constant<Expr>({ t: 'undef', loc }),
    ident.map((name): Expr => ({ t: 'var', name, loc })),
    fc.constantFrom('present', 'absent', 'running').map((v): Expr => ({ t: 'name', v, loc })),
    fc.array(tie('expr'), { maxLength: 3 }).map((items): Expr => ({ t: 'array', items, loc })),
    fc.array(fc.tuple(fc.string({ maxLength: 4 }).map((v): Expr => ({ t: 'str', v, loc })), tie('expr')), { maxLength: 3 })
      .map((entries): Expr => ({ t: 'hash', entries, loc })),
    fc.tuple(fc.constantFrom(...BINARY), tie('expr'), tie('expr')).map(([op, left, right]): Expr => ({ t: 'binary', op, left, right, loc })),
    tie('expr').map((e): Expr => ({ t: 'unary', op: '!', e, loc })),
    fc.tuple(ident, fc.array(tie('expr'), { minLength: 1, maxLength: 2 })).map(([name, keys]): Expr => ({ t: 'access', target: { t: 'var', name, loc }, keys, loc })),
    fc.tuple(ident, fc.array(tie('expr'), { maxLength: 2 })).map(([name, args]): Expr => ({ t: 'call', name, args, loc })),
    fc.tuple(ident, ident, fc.array(tie('expr'), { maxLength: 2 })).map(([v, name, args]): Expr => ({ t: 'method', recv: { t: 'var', name: v, loc }, name, args, loc })),
    fc.tuple(ident, tie('expr'), tie('expr')).map(([v, a, b]): Expr => ({
      t: 'select', subject: { t: 'var', name: v, loc }, branches: [[{ t: 'str', v: 'a', loc }, a], [{ t: 'default', loc }, b]], loc,
    })),
  ),
})).expr;

const assignArb = fc.tuple(ident, exprArb).map(([name, value]): Expr => ({ t: 'assign', op: '=', target: { t: 'var', name, loc }, value, loc }));
const attrArb = fc.tuple(ident, exprArb).map(([name, value]): Attr => ({ name, op: '=>', value, loc }));
const statementArb: fc.Arbitrary<Expr> = fc.oneof(
  assignArb,
  fc.tuple(ident, fc.constantFrom('regular', 'virtual', 'exported') as fc.Arbitrary<'regular' | 'virtual' | 'exported'>, exprArb, fc.uniqueArray(attrArb, { selector: (a) => a.name, maxLength: 3 }))
    .map(([type, form, title, attrs]): Expr => ({ t: 'resource', type, form, bodies: [{ title, attrs }], loc })),
  fc.tuple(exprArb, fc.array(assignArb, { maxLength: 2 }), fc.array(assignArb, { maxLength: 2 }))
    .map(([cond, then, els]): Expr => ({ t: 'if', unless: false, cond, then, else: els, loc })),
  fc.tuple(ident, fc.array(assignArb, { maxLength: 2 })).map(([name, body]): Expr => ({ t: 'class', name, params: [], body, loc })),
);

/** Positions depend on layout, not meaning: compare trees without them. */
const shape = (v: unknown): string => JSON.stringify(v, (k, x: unknown) => (k === 'loc' || k === 'opLoc' ? undefined : x));

describe('parser', () => {
  // Invariant: printing a syntax tree and parsing the text yields the same tree,
  // so the printer and parser agree on every construct generated here.
  it('round-trips printed syntax trees', () => {
    fc.assert(fc.property(fc.array(statementArb, { minLength: 1, maxLength: 4 }), (body) => {
      const src = printBlock(body);
      assert.equal(shape(parseManifest(src, 'gen.pp').body), shape(body), src);
    }), { numRuns: 300 });
  });

  // Invariant: any input either parses or fails with a PuppetError (a located
  // syntax error), never with a crash of the parser itself.
  it('fails only with Puppet syntax errors on arbitrary input', () => {
    const token = fc.constantFrom('class', 'x', '{', '}', '(', ')', '[', ']', "'s'", '"a${b}c"', '$v', '=>', '->', ',', ':', ';', '|', '@', '<|', '|>', '1', 'if', 'File', '\n', ' ', '@("E")\nt\nE\n', '/r/', '=', '?');
    fc.assert(fc.property(fc.array(token, { maxLength: 30 }).map((t) => t.join(' ')), (src) => {
      try { parseManifest(src, 'fuzz.pp'); } catch (e) { assert.ok(e instanceof PuppetError, `${String(e)} for ${JSON.stringify(src)}`); }
    }), { numRuns: 500 });
  });
});
