// How PuppetDB's transform.clj shapes the AST, and the corners of its
// grammar (pql-grammar.ebnf) that a rewrite could easily smooth over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTENSION_PQL_ENTITIES, PUPPETDB_PQL_ENTITIES, type PqlAst } from '../../../core/pql/pql-ast.js';
import { parsePql } from '../../../core/pql/pql-parser.js';

function reads(pql: string, ast: PqlAst): void {
  const r = parsePql(pql);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.deepEqual(r.value, ast);
}

function refuses(pql: string, column?: number): string {
  const r = parsePql(pql);
  assert.ok(!r.ok, `parsed as ${JSON.stringify(r.ok && r.value)}`);
  if (column !== undefined) assert.equal(r.error.column, column);
  return r.error.message;
}

describe('PQL transform (transform.clj)', () => {
  it('splices a parenthesised or/and into the enclosing one of the same operator (transform-expr-or/-and)', () => {
    reads('nodes { (a = 1 or b = 2) or c = 3 }', ['from', 'nodes', ['or', ['=', 'a', 1], ['=', 'b', 2], ['=', 'c', 3]]]);
    reads('nodes { a = 1 and (b = 2 and (c = 3 and d = 4)) }', ['from', 'nodes', ['and', ['=', 'a', 1], ['=', 'b', 2], ['=', 'c', 3], ['=', 'd', 4]]]);
    reads('nodes { ((a = 1 or b = 2)) }', ['from', 'nodes', ['or', ['=', 'a', 1], ['=', 'b', 2]]]);
    reads('nodes { !(a = 1 or b = 2) or c = 3 }', ['from', 'nodes', ['or', ['not', ['or', ['=', 'a', 1], ['=', 'b', 2]]], ['=', 'c', 3]]]);
    reads('nodes { (a = 1 and b = 2) or c = 3 }', ['from', 'nodes', ['or', ['and', ['=', 'a', 1], ['=', 'b', 2]], ['=', 'c', 3]]]);
    reads('nodes { !!a = 1 }', ['from', 'nodes', ['not', ['not', ['=', 'a', 1]]]]);
  });

  it('moves the filter and group by into the extract and puts paging after it (transform-from)', () => {
    reads('nodes[a]{limit 1}', ['from', 'nodes', ['extract', ['a']], ['limit', 1]]);
    reads('nodes[a]{a = 1 order by a limit 2 offset 3}', ['from', 'nodes', ['extract', ['a'], ['=', 'a', 1]], ['order_by', ['a']], ['limit', 2], ['offset', 3]]);
    reads('facts[name, count()] { a = 1 group by name }', ['from', 'facts', ['extract', ['name', ['function', 'count']], ['=', 'a', 1], ['group_by', 'name']]]);
    reads('facts { a = 1 group by name }', ['from', 'facts', ['=', 'a', 1], ['group_by', 'name']]);
    reads('facts { limit 1 limit 2 }', ['from', 'facts', ['limit', 1], ['limit', 2]]);
  });

  it('gives an implicit subquery one clause at most (transform-subquery has arity 1 and 2)', () => {
    reads('nodes { facts { limit 1 } }', ['from', 'nodes', ['subquery', 'facts', ['limit', 1]]]);
    reads('nodes { facts { group by name } }', ['from', 'nodes', ['subquery', 'facts', ['group_by', 'name']]]);
    assert.match(refuses('nodes { facts { name = "a" limit 1 } }', 9), /implicit subquery 'facts/);
  });

  it('decodes double-quoted strings as JSON and single-quoted ones only for \\\'', () => {
    reads(String.raw`nodes { a = "\u00e9\t\\ \/" }`, ['from', 'nodes', ['=', 'a', 'é\t\\ /']]);
    reads(String.raw`nodes { a = 'a\nb\\c\'' }`, ['from', 'nodes', ['=', 'a', String.raw`a\nb\\c'`]]);
    reads("nodes { a = 'two\nlines' }", ['from', 'nodes', ['=', 'a', 'two\nlines']]);
    assert.match(refuses(String.raw`nodes { a = "\q" }`, 13), /not a valid JSON string/);
    // Cheshire (PuppetDB's JSON decoder) takes raw control characters as themselves.
    reads('nodes { a = "raw\ttab\nline" }', ['from', 'nodes', ['=', 'a', 'raw\ttab\nline']]);
    refuses('nodes { a = "\\\t" }', 13);
  });

  it('yields plain JSON numbers: integers exactly, reals as doubles', () => {
    reads('nodes { a = -0 and b = 007 and c = 1.50 and d = -0.0 }', ['from', 'nodes', ['and', ['=', 'a', 0], ['=', 'b', 7], ['=', 'c', 1.5], ['=', 'd', 0]]]);
    assert.match(refuses('nodes { a = 1.0e999 }', 13), /out of range/);
    assert.match(refuses('nodes { limit 9007199254740992 }', 15), /out of range/);
  });
});

describe('PQL grammar corners (pql-grammar.ebnf)', () => {
  it('knows every PuppetDB entity, and Troupe\'s extension entities', () => {
    for (const entity of [...PUPPETDB_PQL_ENTITIES, ...EXTENSION_PQL_ENTITIES]) {
      reads(`${entity} {}`, ['from', entity]);
      reads(`nodes { ${entity} { certname = "a" } }`, ['from', 'nodes', ['subquery', entity, ['=', 'certname', 'a']]]);
    }
    refuses('factsx {}', 6);
    refuses('Nodes {}', 1);
  });

  it('keeps a dotted field exactly as written, quotes, indexes and match() included', () => {
    reads('inventory { facts.x.match("a.b c").y = 1 }', ['from', 'inventory', ['=', 'facts.x.match("a.b c").y', 1]]);
    reads('inventory { facts.match(x)in [1] }', ['from', 'inventory', ['in', 'facts.match(x)', ['array', [1]]]]);
    reads('inventory[facts.a."b c".d[2], trusted.certname] {}', ['from', 'inventory', ['extract', ['facts.a."b c".d[2]', 'trusted.certname']]]);
    reads('inventory { facts."a" = 1 }', ['from', 'inventory', ['=', 'facts."a"', 1]]);
    // A quoted segment must be followed by a dot or whitespace.
    refuses('inventory[facts."a"]{}', 17);
    refuses('inventory { facts."a"= 1 }');
    refuses('nodes { certname.x = 1 }');
  });

  it('needs whitespace around and/or and after limit, offset, group by, order by', () => {
    refuses('nodes { a = 1 or(b = 2) }', 17);
    refuses('nodes { (a = 1)and b = 2 }');
    refuses('nodes { limit1 }');
    reads("nodes { a = 'x'limit 1 }", ['from', 'nodes', ['=', 'a', 'x'], ['limit', 1]]);
    reads('nodes { a in[1] }', ['from', 'nodes', ['in', 'a', ['array', [1]]]]);
  });

  it('matches keywords exactly: case and single spaces', () => {
    refuses('nodes { a is  null }');
    refuses('nodes { a is\tnot null }');
    refuses('nodes { order  by a }');
    refuses('nodes { a = TRUE }');
    reads('nodes { and = 1 and or = 2 }', ['from', 'nodes', ['and', ['=', 'and', 1], ['=', 'or', 2]]]);
    reads('nodes { limit = 1 }', ['from', 'nodes', ['=', 'limit', 1]]);
  });

  it('refuses group by together with paging, and order by fields starting with asc or desc (a negative lookahead)', () => {
    refuses('facts[name, count()] { group by name limit 1 }');
    refuses('facts { limit 1 group by name }');
    refuses('facts { order by description }', 18);
    refuses('facts { order by ascent }', 18);
    reads('facts { order by name asc limit 1 }', ['from', 'facts', ['order_by', [['name', 'asc']]], ['limit', 1]]);
  });

  it('has no null, regexp or bare-word literals', () => {
    refuses('nodes { a = null }');
    refuses('nodes { a ~ /x/ }');
    refuses('nodes { a = []}');
    refuses('nodes { a in [] }');
  });
});
