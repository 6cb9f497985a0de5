// Errors worded as PuppetDB's (pql.clj pprint-failure), located, and bounded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PQL_PARSE_OPTIONS, parsePql, type PqlParseOptions } from '../../../core/pql/pql-parser.js';
import type { PqlError } from '../../../core/pql/pql-ast.js';

function failure(pql: string, options?: PqlParseOptions): PqlError {
  const r = parsePql(pql, options);
  assert.ok(!r.ok, `parsed as ${JSON.stringify(r.ok && r.value)}`);
  return r.error;
}

describe('PQL errors', () => {
  it('reports an unknown entity at line 1, column 1 (http/index_test.clj)', () => {
    const e = failure('foobar {}');
    assert.deepEqual([e.code, e.line, e.column], ['pql_syntax', 1, 1]);
    assert.match(e.message, /^PQL parse error at line 1, column 1:\n\nfoobar \{\}\n\^\n\nExpected one of:\n\n/);
    for (const entity of ['nodes', 'facts', 'fact_contents', 'inventory']) assert.ok(e.message.includes(`\n${entity}\n`));
  });

  it('shows the failing line with a caret under the column, then what was expected there', () => {
    const e = failure('nodes {\n  a = \n}');
    assert.deepEqual([e.line, e.column], [3, 1]);
    // Word for word what PuppetDB answers (its grammar and pprint-failure run under Instaparse 1.4.7).
    assert.equal(e.message, 'PQL parse error at line 3, column 1:\n\n}\n^\n\nExpected one of:\n\n[\nfalse\ntrue\n#"[0-9]+"\n-\n\'\n"\n');
  });

  it('says "Expected:" for a single possibility', () => {
    assert.equal(failure('nodes { a = 1 or(b = 2) }').message,
      'PQL parse error at line 1, column 17:\n\nnodes { a = 1 or(b = 2) }\n                ^\n\nExpected:\n#"\\s+"\n');
  });

  it('prints a negative lookahead as PuppetDB does (order by refuses fields starting with asc/desc)', () => {
    assert.match(failure('facts { order by description }').message, /column 18:[\s\S]*\n\nExpected one of:\n\nNOT "asc" \| "desc"\nasc\n$/);
  });

  it('reports text after a complete query where the query ended, as PuppetDB does', () => {
    const e = failure('nodes {} nodes {}');
    assert.deepEqual([e.line, e.column], [1, 9]);
    assert.match(e.message, /\n\nExpected one of:\n\n#"\\s\+" \(followed by end-of-string\)\n:end-of-string\n$/);
    assert.equal(failure('nodes { a = 1 }\n\n  x').line, 1);
  });

  it('reports the furthest point reached, not the first alternative that failed', () => {
    assert.equal(failure('nodes { facts { name = "os" and value ~ 3 } }').column, 41);
    assert.equal(failure('nodes [certname] { a in facts [a] { b = } }').column, 41);
  });

  it('reports what PuppetDB\'s transform refuses only when the whole query parses, as PuppetDB parses first', () => {
    assert.match(failure('nodes { a = "\\q" }').message, /column 13:[\s\S]*not a valid JSON string/);
    assert.match(failure('nodes { a = "\\q" and }').message, /column 22:[\s\S]*Expected one of/);
    assert.match(failure('nodes { facts { a = 1 limit 1 } } x').message, /column 34:[\s\S]*end-of-string/);
  });

  it('points inside a number where PuppetDB points', () => {
    assert.equal(failure('nodes { a = - 1 }').column, 14);
    assert.equal(failure("nodes { a = 1.5e+'3 }").column, 18);
  });

  it('counts columns in UTF-16 code units, as PuppetDB (Java) does', () => {
    assert.equal(failure('inventory { parameters.😁 = x }').column, 29);
  });

  it('keeps the message short for a long one-line query', () => {
    const e = failure(`nodes { a = '${'x'.repeat(20000)}' and b = }`);
    assert.equal(e.column, 20024);
    assert.ok(e.message.length < 400, `${e.message.length} characters`);
    const [, , shown, marker] = e.message.split('\n');
    assert.equal(marker!.indexOf('^'), 80);
    assert.equal(shown!.slice(80, 81), '}');
  });
});

describe('PQL bounds', () => {
  it(`takes queries of up to ${DEFAULT_PQL_PARSE_OPTIONS.maxLength} characters and refuses longer ones before parsing`, () => {
    const padded = (length: number): string => `nodes { a = '${'x'.repeat(length - 16)}' }`;
    assert.equal(padded(65536).length, 65536);
    assert.ok(parsePql(padded(65536)).ok);
    const e = failure(padded(65537));
    assert.deepEqual([e.line, e.column], [1, 65537]);
    assert.match(e.message, /65537 characters long; at most 65536 are accepted/);
    assert.match(failure('nodes {}', { maxLength: 7 }).message, /at most 7/);
    const huge = failure(`nodes {\n${'a = 1 or\n'.repeat(2_000_000)}}`);
    assert.deepEqual([huge.line, huge.column], [7282, 9]);
    assert.ok(huge.message.length < 300);
  });

  it(`nests up to ${DEFAULT_PQL_PARSE_OPTIONS.maxDepth} levels and refuses deeper ones without exhausting the stack`, () => {
    const parens = (n: number): string => `nodes { ${'('.repeat(n)}a = 1${')'.repeat(n)} }`;
    assert.ok(parsePql(parens(99)).ok);
    const e = failure(parens(100));
    assert.equal(e.column, 108);
    assert.match(e.message, /nests deeper than 100 levels/);
    const subqueries = (n: number): string => `nodes ${'{ a in nodes[a] '.repeat(n)}{}${' }'.repeat(n)}`;
    assert.ok(parsePql(subqueries(99)).ok);
    assert.match(failure(subqueries(100)).message, /nests deeper than 100/);
    for (const deep of ['('.repeat(100_000), `nodes { ${'!'.repeat(60_000)}a = 1 }`, `nodes { a = ${'['.repeat(60_000)}`, `nodes { a in ${'['.repeat(60_000)}`,
      `${'nodes { facts '.repeat(4000)}`, `nodes { ${'( '.repeat(30_000)}`]) {
      assert.equal(failure(deep).code, 'pql_syntax');
    }
    assert.ok(parsePql(parens(4), { maxDepth: 5 }).ok);
    assert.match(failure(parens(5), { maxDepth: 5 }).message, /deeper than 5 levels/);
  });

  it('validates its options, naming the field', () => {
    assert.throws(() => parsePql('nodes {}', { maxDepth: 0 }), /PqlParseOptions.maxDepth/);
    assert.throws(() => parsePql('nodes {}', { maxDepth: 5000 }), /PqlParseOptions.maxDepth/);
    assert.throws(() => parsePql('nodes {}', { maxLength: 1.5 }), /PqlParseOptions.maxLength/);
  });
});
