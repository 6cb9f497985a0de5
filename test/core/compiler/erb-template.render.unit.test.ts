import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PuppetError, UnsupportedError } from '../../../core/compiler/puppet/puppet-error.js';
import { renderErb } from '../../../core/compiler/puppet/templates/erb-template.js';
import { fromJson, type Value } from '../../../core/compiler/puppet/types/values.js';

const vars: Record<string, unknown> = { list: ['a', 'b'], port: 80, opts: { x: 1 } };
// As a compile's scope does, every read of a variable answers the same value.
const values = new Map(Object.entries(vars).map(([k, v]) => [k, fromJson(v)]));
const ctx = {
  variable: (n: string): Value => values.get(n), callFunction: (n: string, a: Value[]): Value => `${n}(${a.length})`,
  step: () => undefined, string: () => undefined, collection: () => undefined,
};

describe('ERB templates', () => {
  it('renders variables, blocks, conditionals and trim markers', () => {
    const src = '<% @list.each do |x| -%>\n<%= x %>:<%= @port %>\n<% end -%>\n<%= @opts.keys.join %> <%= @missing.nil? %> <%= scope.call_function("f", [1, 2]) %>\n';
    assert.equal(renderErb(src, 't.erb', ctx), 'a:80\nb:80\nx true f(2)\n');
  });

  it('fails with a located error on Ruby it does not support', () => {
    assert.throws(() => renderErb('<%= @list.frobnicate %>', 't.erb', ctx), (e: unknown) => e instanceof PuppetError && /t\.erb: undefined method `frobnicate'/.test(e.message));
    assert.throws(() => renderErb('<% begin %>x<% rescue %><% end %>', 't.erb', ctx), PuppetError);
  });

  it("leaves to real Puppet (UnsupportedError, so --compiler auto falls back) what it would otherwise get wrong", () => {
    const unsupported = (src: string, why: RegExp): void => {
      assert.throws(() => renderErb(src, 't.erb', ctx), (e: unknown) => e instanceof UnsupportedError && why.test(e.message), src);
    };
    unsupported('<%= frobnicate %>', /undefined local variable or method `frobnicate'/);
    unsupported('<% next %>', /next outside a block/);
    unsupported("<% md = /a/.match('abc') %>", /undefined method `match'/);
    unsupported("<% @port.to_s << 'x' %><% s = @list.first; @list.first << 'x' %>", /<< on a String that is not in a local variable/);
    unsupported('<% case @port\n when Float then 1\n end %>', /unsupported class in when: Float/);
    unsupported("<%= 1.delete('x') %>", /undefined method `delete'/);
  });

  it("sees a template's own changes wherever it reads the changed Array or Hash", () => {
    const src = "<% o = @opts; o.delete('x') -%><%= @opts.size %> <% l = @list; @list << 'c' -%><%= l.join %>";
    assert.equal(renderErb(src, 't.erb', ctx), '0 abc');
    assert.equal((values.get('opts') as ReadonlyMap<Value, Value>).size, 1, "the compile's value is not changed");
    assert.equal((values.get('list') as Value[]).length, 2);
  });
});
