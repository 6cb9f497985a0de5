import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PuppetError } from '../../../../../core/compiler/puppet/puppet-error.js';
import { tokenize } from '../../../../../core/compiler/puppet/syntax/lexer.js';

const kinds = (src: string): string[] => tokenize(src, 't.pp').map((t) => `${t.kind}:${t.value}`);

describe('lexer', () => {
  it('tells regexes from divisions by the previous token', () => {
    assert.deepEqual(kinds('$a / 2'), ['var:a', 'op:/', 'number:2', 'eof:']);
    assert.deepEqual(kinds('node /web/'), ['name:node', 'regex:web', 'eof:']);
    assert.deepEqual(kinds('true / 2'), ['name:true', 'op:/', 'number:2', 'eof:']);
  });

  it('keeps interpolations as nested tokens', () => {
    const [dq] = tokenize('"a ${b[1]} $c d"', 't.pp');
    assert.equal(dq?.kind, 'dq');
    const parts = dq?.parts ?? [];
    assert.deepEqual(parts.map((p) => ('text' in p ? p.text : p.tokens.map((t) => t.value).join(' '))), ['a ', 'b [ 1 ] ', ' ', 'c ', ' d']);
  });

  it('reads heredocs with margins, trimming and the text after the tag line', () => {
    const toks = tokenize("$x = @(END)\n    one\n      two\n    |- END\n$y = 1\n", 't.pp');
    assert.equal(toks[2]?.kind, 'string');
    assert.equal(toks[2]?.value, 'one\n  two');
    assert.deepEqual(toks.slice(3).map((t) => `${t.kind}:${t.value}:${t.line}`), ['var:y:5', 'op:=:5', 'number:1:5', 'eof::6']);
  });

  it('splits EPP into text, render and code tokens, trimming with -%>', () => {
    const toks = tokenize('a<%= $x -%>\nb<% if true { %>c<% } %>', 't.epp', true);
    assert.deepEqual(toks.map((t) => t.kind), ['epp_text', 'epp_render', 'var', 'epp_end', 'epp_text', 'name', 'name', 'op', 'epp_end', 'epp_text', 'op', 'epp_end', 'eof']);
    assert.equal(toks[4]?.value, 'b');
  });

  it('reports unterminated strings as located syntax errors', () => {
    assert.throws(() => tokenize("$a = 'open\n", 't.pp'), (e: unknown) => e instanceof PuppetError && e.kind === 'syntax' && e.pos?.line === 1);
  });
});
