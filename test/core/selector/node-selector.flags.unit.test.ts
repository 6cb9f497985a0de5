import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classTitle, selectorCondition, selectorQuery } from '../../../core/selector/node-selector.js';

describe('selectorCondition', () => {
  it('compiles each flag to the AST the query engine takes, ANDed', () => {
    assert.equal(selectorCondition({}), null);
    assert.deepEqual(selectorCondition({ facts: ['os.family=Debian'] }), ['=', 'facts.os.family', 'Debian']);
    assert.deepEqual(selectorCondition({ facts: ['processors.count=4'] }), ['or', ['=', 'facts.processors.count', '4'], ['=', 'facts.processors.count', 4]]);
    assert.deepEqual(selectorCondition({ trusted: ['pp_role~^web'], environments: ['production'] }),
      ['and', ['~', 'trusted.extensions.pp_role', '^web'], ['=', 'environment', 'production']]);
    assert.deepEqual(selectorCondition({ classes: ['nginx::server'] }),
      ['in', 'certname', ['from', 'resources', ['extract', ['certname'], ['and', ['=', 'type', 'Class'], ['=', 'title', 'Nginx::Server']]]]]);
    assert.deepEqual(selectorCondition({ select: ['facts.dc = "a" or facts.dc = "b"'] }), ['or', ['=', 'facts.dc', 'a'], ['=', 'facts.dc', 'b']]);
    assert.deepEqual(selectorCondition({ select: ['["=", "certname", "web1"]'] }), ['=', 'certname', 'web1']);
    assert.deepEqual(selectorQuery(null), ['from', 'inventory', ['extract', ['certname']]]);
  });

  it('names the flag of anything it cannot read, and changes nothing', () => {
    const refused = (flags: Parameters<typeof selectorCondition>[0], pattern: RegExp) =>
      assert.throws(() => selectorCondition(flags), (e: unknown) => (e as { code?: string }).code === 'invalid_input' && pattern.test((e as Error).message));
    refused({ facts: ['os.family'] }, /^-F: 'os\.family' is not PATH=VALUE/);
    refused({ facts: ['a b=c'] }, /^-F:/);
    refused({ facts: ['role~(['] }, /^-F: bad regular expression/);
    refused({ classes: ['no-dashes'] }, /^-C: 'no-dashes' is neither a class name/);
    refused({ classes: ['/(/'] }, /^-C: bad regular expression/);
    refused({ environments: ['Prod'] }, /^-E:/);
    refused({ select: ['facts.dc = '] }, /^--select: PQL parse error/);
    refused({ select: ['facts.dc = "a" } limit 1 {'] }, /^--select:/);
    refused({ select: ['{"not": "an array"}'] }, /^--select:/);
  });

  it('capitalises class titles as Puppet does', () => {
    assert.equal(classTitle('nginx'), 'Nginx');
    assert.equal(classTitle('::profile::web_server'), 'Profile::Web_server');
  });
});
