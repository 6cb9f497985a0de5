import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PuppetError, UnsupportedError } from '../../../../../core/compiler/puppet/puppet-error.js';
import { renderErb } from '../../../../../core/compiler/puppet/templates/erb-template.js';
import { PTimestamp } from '../../../../../core/compiler/puppet/types/time-data.js';
import { fromJson, markShared, type Value } from '../../../../../core/compiler/puppet/types/values.js';

const vars: Record<string, unknown> = { list: ['a', 'b'], port: 80, opts: { x: 1 }, shared: ['h'], addr: '10.0.0.1', bad: 'web-1' };
// As a compile's scope does, every read of a variable answers the same value.
const values = new Map(Object.entries(vars).map(([k, v]) => [k, fromJson(v)]));
markShared(values.get('shared'));
values.set('stamp', new PTimestamp(0n));
const ctx = {
  variable: (n: string): Value => values.get(n), callFunction: (n: string, a: Value[]): Value => `${n}(${a.length})`,
  setVariable: (n: string, v: Value): boolean => { if (values.has(n)) return false; values.set(n, v); return true; },
  step: () => undefined, string: () => undefined, collection: () => undefined,
};
const render = (src: string): string => renderErb(src, 't.erb', ctx);

describe('ERB templates', () => {
  it('renders variables, blocks, conditionals and trim markers', () => {
    const src = '<% @list.each do |x| -%>\n<%= x %>:<%= @port %>\n<% end -%>\n<%= @opts.keys.join %> <%= @missing.nil? %> <%= scope.call_function("f", [1, 2]) %>\n';
    assert.equal(renderErb(src, 't.erb', ctx), 'a:80\nb:80\nx true f(2)\n');
  });

  it('fails with a located error on Ruby it does not support', () => {
    assert.throws(() => renderErb('<%= @list.frobnicate %>', 't.erb', ctx), (e: unknown) => e instanceof PuppetError && /t\.erb: undefined method `frobnicate'/.test(e.message));
    assert.throws(() => renderErb('<% begin %>x<% rescue %>', 't.erb', ctx), PuppetError);
  });

  it("leaves to real Puppet (UnsupportedError, so --compiler auto falls back) what it would otherwise get wrong", () => {
    const unsupported = (src: string, why: RegExp): void => {
      assert.throws(() => renderErb(src, 't.erb', ctx), (e: unknown) => e instanceof UnsupportedError && why.test(e.message), src);
    };
    unsupported('<%= frobnicate %>', /undefined local variable or method `frobnicate'/);
    unsupported('<% next %>', /next outside a block/);
    unsupported("<% md = 'abc'.match(5) %>", /match on other than a String and a Regexp/);
    unsupported('<% @shared << 1 %>', /shared beyond this compile/);
    unsupported("<% IPAddr.new('fe80::1%eth0') %>", /IPAddr.new/);
    unsupported("<% IPAddr.new('web') %>", /invalid address:  \(a Ruby exception the template does not rescue\)/);
    unsupported("<% IPAddr.new('10.0.0.0/33') %>", /IPAddr.new/);
    unsupported('<%= [@stamp] %>', /Timestamp shown inside a collection/);
    unsupported("<% scope.setvar('port', 1) %>", /setvar of 'port', which is set already/);
    unsupported("<% @port.to_s << 'x' %><% s = @list.first; @list.first << 'x' %>", /<< on a String that is not in a local variable/);
    unsupported('<% case @port\n when Float then 1\n end %>', /unsupported class in when: Float/);
    unsupported("<%= 1.delete('x') %>", /undefined method `delete'/);
  });

  it('changes Arrays and Hashes in place, as Ruby does: the compile sees the change too', () => {
    const src = "<% o = @opts; o.delete('x') -%><%= @opts.size %> <% l = @list; @list << 'c' -%><%= l.join %>";
    assert.equal(render(src), '0 abc');
    assert.equal((values.get('opts') as ReadonlyMap<Value, Value>).size, 0);
    assert.deepEqual(values.get('list'), ['a', 'b', 'c']);
    values.set('list', fromJson(['a', 'b']));
    values.set('opts', fromJson({ x: 1 }));
  });

  it('reads match data: $1 after =~, MatchData from match, ranges, inject', () => {
    assert.equal(render("<% if /^(.*)match$/ =~ 'directorymatch' %><%= $1.capitalize %><% end %>|<%= $2.nil? %>"), 'Directory|true');
    const bind = "<% md = /^((\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+))?(.*)/.match('10.0.1.2:80') %><%= md[2..5].inject(0) { |a, o| (a << 8) + o.to_i } %> <%= md[6] %> <%= md[2...4].join('.') %>";
    assert.equal(render(bind), `${(10 << 24) + (1 << 8) + 2} :80 10.0`);
    assert.equal(render("<%= 'abc'.match('x').nil? %> <%= [3, 1, 2].inject { |s, x| s + x } %> <%= (1..3).map { |i| i * 2 }.join(',') %>"), 'true 6 2,4,6');
  });

  it('rescues the ArgumentError of IPAddr.new, and runs ensure', () => {
    const src = "<% require 'ipaddr' -%><% [@addr, @bad, '::1', '10.0.0.300', '10.0.0.0/24'].each do |a| begin\n IPAddr.new(a)\n v = 'ip'\n rescue ArgumentError => e\n v = e\n ensure\n n = 1\n end -%><%= v %>;<% end %>";
    assert.equal(render(src), 'ip;invalid address: ;ip;invalid address: ;ip;');
    assert.equal(render("<% begin\n IPAddr.new('01.2.3.4')\n rescue => e\n end -%><%= e.inspect %>"), '#<IPAddr::InvalidAddressError: zero-filled number in IPv4 address is ambiguous: >');
  });

  it('sorts with <=> and a comparing block; sort_by compares arrays element-wise', () => {
    assert.equal(render("<%= { 'b' => 1, 'a' => 2, 'c' => 0 }.sort { |x, y| [x[1], x[0]] <=> [y[1], y[0]] }.map { |k, v| k }.join %>"), 'cba');
    assert.equal(render("<%= { 'x:8' => 1, '10.0.0.1:80' => 2, '9.0.0.1:80' => 3 }.sort_by { |k, v| [k =~ /^\\d/ ? 1 : -1, k] }.map { |k, v| v }.join %>"), '123');
  });

  it('assigns instance variables, Hash and Array elements, ||= on unset locals; setvar reaches the scope', () => {
    const src = "<% @x = [nil, 2] -%><% @x[0] ||= 1 -%><% h = {} -%><% h[:k] = @x -%><% y ||= 'd' -%><%= h['k'].join %><%= y %>"
      + "<% scope.setvar('made', {}) -%><% scope.lookupvar('made')[:item] = 5 -%><%= scope.lookupvar('made')['item'] %>";
    assert.equal(render(src), '12d5');
    assert.deepEqual(values.get('made'), new Map([['item', 5]]));
  });

  it('reads if as an expression, !~, regexp options, fetch, zip, chars, compact!', () => {
    const src = "<%= if @port then 'p' end %><%= 'ABC' !~ /abc/i %><%= {'a' => 1}.fetch('b', 2) %><%= [1, 2].zip(['a', 'b']).flatten.join %>"
      + "<%= 'xy'.chars.first %><% l = [1, nil]; r = l.compact! -%><%= l.size %><%= r.size %><%= l.compact!.nil? %>";
    assert.equal(render(src), 'pfalse21a2bx11true');
  });
});
