import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogResource } from '../../../../../core/compiler/puppet/catalog/catalog-resource.js';
import { Scope } from '../../../../../core/compiler/puppet/evaluation/scope.js';
import { Variables } from '../../../../../core/compiler/puppet/evaluation/variables.js';
import type { Loc } from '../../../../../core/compiler/puppet/syntax/ast.types.js';

const at = { line: 4, column: 2 };

/** Variables over a fresh top scope, and the warnings they gave. */
function variables(facts: Record<string, unknown> = { os: { family: 'Debian' } }): { vars: Variables; warnings: string[] } {
  const warnings: string[] = [];
  const main = new CatalogResource('Class', 'main', new Scope('top', undefined, undefined, undefined), undefined, 'unknown');
  const vars = new Variables(new Scope('top', undefined, undefined, main), 'production', { certname: 'web1.example.com', facts, trusted: {}, serverVersion: '7.23.0' },
    (message: string, loc: Loc) => warnings.push(`${message} @${loc.line}`));
  return { vars, warnings };
}

const classScope = (vars: Variables, name: string, inherits?: Scope): Scope => {
  const s = new Scope('class', inherits ?? vars.top, vars.top, new CatalogResource('Class', name, vars.top, undefined, 'class'), name);
  vars.addClass(name, s);
  return s;
};

describe('Variables', () => {
  it('sets top scope from the node: legacy facts, $facts, $trusted, $server_facts, $environment', () => {
    const { vars } = variables();
    const top = vars.top.vars;
    assert.equal(top.get('environment'), 'production');
    assert.equal((top.get('facts') as Map<string, unknown>).get('os'), top.get('os'));
    assert.equal((top.get('trusted') as Map<string, unknown>).get('hostname'), 'web1');
    assert.equal((top.get('trusted') as Map<string, unknown>).get('domain'), 'example.com');
    assert.equal((top.get('server_facts') as Map<string, unknown>).get('serverversion'), '7.23.0');
    assert.equal(vars.qualifiedVar('::environment', at), 'production');
  });

  it("reads a class's variables, then its inherited classes', never node or top scope", () => {
    const { vars, warnings } = variables();
    const base = classScope(vars, 'base');
    base.vars.set('port', 80);
    base.vars.set('unset', undefined);
    const sub = classScope(vars, 'sub', base);
    sub.vars.set('name', 'sub');
    assert.equal(vars.qualifiedVar('sub::name', at), 'sub');
    assert.equal(vars.qualifiedVar('::sub::port', at), 80);
    assert.equal(vars.qualifiedVar('sub::environment', at), undefined);
    assert.equal(vars.hasQualifiedVar('sub::unset'), true);
    assert.equal(vars.hasQualifiedVar('sub::environment'), false);
    assert.deepEqual(warnings, []);
  });

  it('warns about a class not evaluated (unless quiet), and Hiera reads qualified names quietly', () => {
    const { vars, warnings } = variables();
    assert.equal(vars.qualifiedVar('ntp::servers', at), undefined);
    assert.equal(vars.qualifiedVar('ntp::servers', at, true), undefined);
    assert.equal(vars.hieraVar('ntp::servers', vars.top), undefined);
    assert.deepEqual(warnings, ["Could not look up qualified variable 'ntp::servers'; class ntp has not been evaluated @4"]);
    assert.deepEqual(vars.hieraVar('environment', vars.top), 'production');
  });
});
