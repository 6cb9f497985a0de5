import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_COMPILE_LIMITS } from '../../../../../core/compiler/puppet/evaluation/compile-budget.js';
import { EnvironmentCode, scanEnvironment } from '../../../../../core/compiler/puppet/loader/environment-code.js';
import { ParseCache } from '../../../../../core/compiler/puppet/loader/parse-cache.js';
import { fromJson, type Value } from '../../../../../core/compiler/puppet/types/values.js';

function environment(files: Record<string, string>): EnvironmentCode {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-hiera-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const scan = scanEnvironment(dir);
  return new EnvironmentCode(dir, 'production', scan.id, scan.files, new ParseCache(DEFAULT_COMPILE_LIMITS.maxNestingDepth));
}

const vars: Record<string, unknown> = { facts: { os: { family: 'Debian' } }, trusted: { certname: 'n1' }, role: 'web' };
const scope = (name: string): Value => fromJson(vars[name]);
const json = (v: Value): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? Object.fromEntries(x) : x)));

const HIERA = `version: 5
hierarchy:
  - { name: node, path: "nodes/%{trusted.certname}.yaml" }
  - { name: os, path: "os/%{facts.os.family}.yaml" }
  - { name: common, path: common.yaml }
`;

describe('hiera', () => {
  const env = environment({
    'hiera.yaml': HIERA,
    'data/nodes/n1.yaml': 'list: [n]\nh: { a: { x: 1 } }\nmsg: "role %{role} on %{::trusted.certname}"\n',
    'data/os/Debian.yaml': 'list: [d, n]\nh: { a: { y: 2 }, b: 3 }\n',
    'data/common.yaml': 'list: [c]\nonly_common: yes\nalias_of: "%{alias(\'list\')}"\n',
    'modules/mod/hiera.yaml': 'version: 5\nhierarchy: [{ name: m, path: m.yaml }]\n',
    'modules/mod/data/m.yaml': 'mod::key: from module\n',
  });

  it('walks the hierarchy with interpolated paths, first found wins', () => {
    assert.deepEqual(json(env.hiera.lookup('list', undefined, scope).value), ['n']);
    assert.equal(env.hiera.lookup('only_common', undefined, scope).value, true);
    assert.equal(env.hiera.lookup('missing', undefined, scope).found, false);
  });

  it('merges with unique, hash and deep strategies', () => {
    assert.deepEqual(json(env.hiera.lookup('list', 'unique', scope).value), ['n', 'd', 'c']);
    assert.deepEqual(json(env.hiera.lookup('h', 'hash', scope).value), { a: { x: 1 }, b: 3 });
    assert.deepEqual(json(env.hiera.lookup('h', 'deep', scope).value), { a: { y: 2, x: 1 }, b: 3 });
  });

  it('interpolates values, aliases and dotted keys; consults module data for namespaced keys', () => {
    assert.equal(env.hiera.lookup('msg', undefined, scope).value, 'role web on n1');
    assert.deepEqual(json(env.hiera.lookup('alias_of', undefined, scope).value), ['n']);
    assert.equal(env.hiera.lookup('h.a.x', undefined, scope).value, 1);
    assert.equal(env.hiera.lookup('mod::key', undefined, scope).value, 'from module');
  });

  it("interpolates several %{…} in one string: variables, literal(), scope() and lookup()", () => {
    const e = environment({
      'hiera.yaml': HIERA,
      'data/common.yaml': [
        'only_common: c',
        `mixed: "%{literal('%')}{x} %{facts.os.family}-%{scope('role')}/%{lookup('only_common')} %{ ::role }."`,
        '',
      ].join('\n'),
    });
    assert.equal(e.hiera.lookup('mixed', undefined, scope).value, '%{x} Debian-web/c web.');
  });

  it('takes a merge from lookup_options: an exact key in any layer before a pattern', () => {
    const e = environment({
      'hiera.yaml': HIERA,
      'data/nodes/n1.yaml': 'lookup_options: { "^pro": { merge: unique } }\nprofiles: [n]\nprod_list: [n]\n',
      'data/common.yaml': 'lookup_options: { profiles: { merge: { strategy: first } } }\nprofiles: [c]\nprod_list: [c]\n',
    });
    assert.deepEqual(json(e.hiera.lookup('profiles', undefined, scope).value), ['n']);
    assert.deepEqual(json(e.hiera.lookup('prod_list', undefined, scope).value), ['n', 'c']);
  });
});
