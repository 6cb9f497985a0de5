import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PQL_ENTITIES } from '../../../core/pql/pql-ast.js';
import { parsePql } from '../../../core/pql/pql-parser.js';
import { pqlQuery } from './pql.arbitraries.js';

/** Parses `text`; never throws, a success is a plain JSON `["from", entity, …]`, and a failure points at a place inside it. */
function parsesOrLocates(text: string): void {
  const r = parsePql(text);
  if (r.ok) {
    assert.equal(r.value[0], 'from');
    assert.ok(PQL_ENTITIES.includes(r.value[1]));
    assert.deepEqual(JSON.parse(JSON.stringify(r.value)), r.value);
    return;
  }
  const { code, line, column, message } = r.error;
  assert.equal(code, 'pql_syntax');
  const lines = text.split('\n');
  assert.ok(line >= 1 && line <= lines.length, `line ${line} of ${lines.length}`);
  assert.ok(column >= 1 && column <= lines[line - 1]!.length + 1, `column ${column} of ${lines[line - 1]!.length}`);
  assert.ok(message.startsWith(`PQL parse error at line ${line}, column ${column}:\n\n`), message);
}

/** Fragments of PQL, so random text often gets deep into the grammar. */
const token = fc.constantFrom(
  'nodes', 'facts', 'inventory', 'fact_contents', '{', '}', '[', ']', '(', ')', '!', ' ', '\n', ',', '=', '!=', '~', '!~', '~>', '<', '>=',
  ' and ', ' or ', ' in ', ' is null', ' is not null', 'certname', 'facts.os.family', 'facts.match("a.*").b', 'facts."x y".z', '"s\\"t"', "'s\\'t'",
  '"\\q"', '1', '-2.5e3', '99999999999999999999', 'true', 'false', 'count()', 'avg(value)', ' group by ', ' limit 1', ' offset 2', ' order by a desc',
);

describe('PQL parser robustness (property)', () => {
  it('never throws on arbitrary text and locates every failure inside it', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), parsesOrLocates), { numRuns: 2000 });
  });

  it('never throws on sequences of PQL fragments', () => {
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }).map((ts) => ts.join('')), parsesOrLocates), { numRuns: 3000 });
  });

  it('never throws on a valid query with a character inserted, replaced or removed', () => {
    fc.assert(fc.property(pqlQuery, fc.nat(), fc.constantFrom('insert', 'replace', 'remove'), fc.constantFrom(...'{}[]()!"\'.,=~ \\ax0-'), ({ text }, at, how, c) => {
      const i = at % (text.length + 1);
      const mutated = how === 'insert' ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + (how === 'replace' ? c : '') + text.slice(i + 1);
      parsesOrLocates(mutated);
    }), { numRuns: 1000 });
  });

  it('never throws on deep nesting of any kind', () => {
    const opener = fc.constantFrom('(', '!', 'nodes{', 'a in nodes{', 'a = [', 'a in [', 'nodes { facts{ ', '( !');
    fc.assert(fc.property(fc.array(opener, { minLength: 101, maxLength: 3000 }), (openers) => parsesOrLocates(`nodes { ${openers.join('')}`)), { numRuns: 100 });
  });
});
