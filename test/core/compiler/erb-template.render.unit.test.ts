import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PuppetError } from '../../../core/compiler/puppet/puppet-error.js';
import { renderErb } from '../../../core/compiler/puppet/templates/erb-template.js';
import { fromJson, type Value } from '../../../core/compiler/puppet/types/values.js';

const vars: Record<string, unknown> = { list: ['a', 'b'], port: 80, opts: { x: 1 } };
const ctx = {
  variable: (n: string): Value => fromJson(vars[n]), callFunction: (n: string, a: Value[]): Value => `${n}(${a.length})`,
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
});
