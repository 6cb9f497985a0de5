import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EnvironmentAnalysis } from '../../../../core/compiler/auto/environment-analysis.js';
import { scanEnvironment } from '../../../../core/compiler/puppet/loader/environment-code.js';
import { packageRoot } from '../../../../ops/config/package-root.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';
import { writeModule } from '../../../support/puppet/puppet-module.fixture.js';

const RUBY_FUNCTION = "Puppet::Functions.create_function(:'mymod::double') do\n  def double(x)\n    x * 2\n  end\nend\n";
// Title patterns are Ruby the built-in cannot run: this type needs Puppet.
const RUBY_TYPE = "Puppet::Type.newtype(:widget) do\n  def self.title_patterns\n    [[/(.*)/m, [[:name]]]]\n  end\n  newparam(:name, namevar: true)\nend\n";
// Attributes and namevar only: the built-in reads this one (ruby-type-shape.ts).
const READABLE_TYPE = "Puppet::Type.newtype(:gadget) do\n  ensurable\n  newparam(:path, namevar: true)\n  newproperty(:size)\nend\n";

describe('--compiler auto: which backend an environment needs (static analysis)', () => {
  const root = tempEnvironments('analysis');
  after(() => rmSync(root, { recursive: true, force: true }));
  const none = new EnvironmentAnalysis({ implementsModuleFunction: () => false });
  const decide = (dir: string, analysis = none) => analysis.decide(dir, scanEnvironment(dir).files);

  /** An environment whose site.pp is `site`, with module `mymod` (a class, plus the given files). */
  const env = (name: string, site: string, files: Record<string, string> = {}): string => {
    const dir = writeSite(root, name, site);
    writeModule(dir, 'mymod', { 'manifests/init.pp': "class mymod { notify { 'm': } }\n", ...files });
    return dir;
  };

  it('pure Puppet goes to the built-in', () => {
    const d = decide(env('pure', "node default { include mymod }\n"));
    assert.deepEqual(d, { backend: 'builtin', reason: 'pure Puppet code' });
  });

  it('the example site (docs/examples/environment) goes to the built-in', () => {
    assert.equal(decide(join(packageRoot(), 'docs/examples/environment')).backend, 'builtin');
  });

  it("a module's Ruby function that the code calls goes to Puppet, named with its file", () => {
    const d = decide(env('rubyfn', "notify { 'x': message => mymod::double(2) }\n", { 'lib/puppet/functions/mymod/double.rb': RUBY_FUNCTION }));
    assert.equal(d.backend, 'puppet');
    assert.equal(d.reason, 'uses Ruby function mymod::double (modules/mymod/lib/puppet/functions/mymod/double.rb)');
  });

  it('a legacy (3.x) Ruby function called from a module manifest, a template or via call() counts too', () => {
    const legacy = { 'lib/puppet/parser/functions/shout.rb': 'module Puppet::Parser::Functions; newfunction(:shout, type: :rvalue) { |a| a[0].upcase }; end\n' };
    assert.equal(decide(env('legacy1', 'include mymod\n', { ...legacy, 'manifests/init.pp': "class mymod { $x = shout('a') }\n" })).backend, 'puppet');
    assert.equal(decide(env('legacy2', 'include mymod\n', { ...legacy, 'templates/t.erb': "<%= scope.function_shout(['a']) %>\n" })).backend, 'puppet');
    assert.equal(decide(env('legacy3', "$x = call('shout', 'a')\n", legacy)).backend, 'puppet');
    assert.equal(decide(env('legacy4', "$f = 'shout'\n$x = call($f, 'a')\n", legacy)).backend, 'puppet', 'a function chosen at run time may be any');
  });

  it('a Ruby function nobody calls leaves the environment to the built-in, and says so', () => {
    const d = decide(env('unused', 'include mymod\n', { 'lib/puppet/functions/mymod/double.rb': RUBY_FUNCTION, 'lib/puppet/type/widget.rb': RUBY_TYPE }));
    assert.deepEqual(d, { backend: 'builtin', reason: 'pure Puppet code (modules ship 2 Ruby functions and types, none in use)' });
  });

  it('a Ruby function the built-in implements natively stays with the built-in', () => {
    const native = new EnvironmentAnalysis({ implementsModuleFunction: (module, name) => module === 'mymod' && name === 'mymod::double' });
    const dir = env('native', "notify { 'x': message => mymod::double(2) }\n", { 'lib/puppet/functions/mymod/double.rb': RUBY_FUNCTION });
    assert.equal(decide(dir, native).backend, 'builtin');
  });

  it("a module's Ruby function named like one of Puppet's own is shadowed by Puppet's (its loader asks Puppet first)", () => {
    const d = decide(env('shadowed', "$n = size([1])\n", { 'lib/puppet/parser/functions/size.rb': 'x' }));
    assert.equal(d.backend, 'builtin');
  });

  it('a resource type defined in Ruby goes to Puppet: declared, collected, defaulted or created by create_resources', () => {
    const type = { 'lib/puppet/type/widget.rb': RUBY_TYPE };
    for (const [name, site] of [
      ['type1', "widget { 'w': }\n"], ['type2', 'Widget <| |>\n'], ['type3', "Widget { ensure => present }\n"],
      ['type4', "create_resources('widget', {})\n"], ['type5', '$t = widget\ncreate_resources($t, {})\n'],
    ] as const) {
      const d = decide(env(name, site, type));
      assert.deepEqual(d, { backend: 'puppet', reason: 'uses Ruby type widget (modules/mymod/lib/puppet/type/widget.rb: it has title patterns)' }, name);
    }
  });

  it('a resource type whose Ruby the built-in reads (attributes, one namevar, no title patterns) goes to the built-in', () => {
    const d = decide(env('readable', "gadget { '/srv/g': size => 2 }\n", { 'lib/puppet/type/gadget.rb': READABLE_TYPE }));
    assert.deepEqual(d, { backend: 'builtin', reason: 'pure Puppet code (modules ship 1 Ruby functions and types, 1 in use, implemented or read by the built-in)' });
  });

  it('a file the built-in cannot parse, or a hiera backend other than YAML, goes to Puppet', () => {
    const broken = decide(env('broken', "notify { 'x': message => }\n"));
    assert.equal(broken.backend, 'puppet');
    assert.match(broken.reason, /^uses manifests\/site\.pp does not parse with the built-in \(/);
    const eyaml = decide(env('eyaml', "notify { 'x': }\n", {
      'hiera.yaml': 'version: 5\nhierarchy:\n  - name: secrets\n    lookup_key: eyaml_lookup_key\n    path: secrets.eyaml\n',
    }));
    assert.deepEqual(eyaml, { backend: 'puppet', reason: 'uses hiera backend eyaml_lookup_key (modules/mymod/hiera.yaml)' });
  });

  it("reads the base module path's modules as the environment's (the built-in's basemodulepath)", () => {
    const dir = writeSite(root, 'based', "notify { 'x': message => mymod::double(2) }\n");
    const base = join(root, 'base-modules');
    writeModule(base, 'mymod', { 'lib/puppet/functions/mymod/double.rb': RUBY_FUNCTION });
    const d = none.decide(dir, scanEnvironment(dir, [join(base, 'modules')]).files, [join(base, 'modules')]);
    assert.equal(d.backend, 'puppet');
    assert.match(d.reason, /^uses Ruby function mymod::double \(.*base-modules\/modules\/mymod\/lib\/puppet\/functions\/mymod\/double\.rb\)$/);
  });

  it('names three needs and counts the rest', () => {
    const d = decide(env('many', "widget { 'w': }\nnotify { 'x': message => [mymod::a(), mymod::b(), mymod::c()] }\n", {
      'lib/puppet/functions/mymod/a.rb': 'x', 'lib/puppet/functions/mymod/b.rb': 'x', 'lib/puppet/functions/mymod/c.rb': 'x', 'lib/puppet/type/widget.rb': RUBY_TYPE,
    }));
    assert.equal(d.backend, 'puppet');
    assert.match(d.reason, /^uses Ruby function mymod::a \(.*\), Ruby function mymod::b \(.*\), Ruby function mymod::c \(.*\) and 1 more$/);
  });
});
