import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogResource } from '../../../../../core/compiler/puppet/catalog/catalog-resource.js';
import { Overrides } from '../../../../../core/compiler/puppet/evaluation/overrides.js';
import { Relationships } from '../../../../../core/compiler/puppet/evaluation/relationships.js';
import { Scope } from '../../../../../core/compiler/puppet/evaluation/scope.js';
import { PuppetError } from '../../../../../core/compiler/puppet/puppet-error.js';
import { ResourceRef } from '../../../../../core/compiler/puppet/types/values.js';

const top = new Scope('top', undefined, undefined, undefined);
const classScope = (name: string, inherits?: Scope): Scope =>
  new Scope('class', inherits ?? top, top, new CatalogResource('Class', name, top, undefined, 'class'), name);
const resource = (type: string, title: string, scope = top): CatalogResource => new CatalogResource(type, title, scope, undefined, 'compilable_type');
const at = { line: 3, column: 5 };

/** A catalog of the given resources, looked up as `Compilation.find` does (type and title). */
const finder = (...rs: CatalogResource[]) => (type: string, title: string): CatalogResource | undefined =>
  rs.find((r) => r.type === type && r.title === title);

describe('Overrides', () => {
  it('sets and appends (`+>`) parameters, and a `tag` parameter tags the resource', () => {
    const base = classScope('base');
    const r = resource('File', '/etc/motd', base);
    r.setParam('require', [new ResourceRef('Package', 'a')]);
    new Overrides().add(new ResourceRef('File', '/etc/motd'), r, [
      { name: 'mode', value: '0644', add: false },
      { name: 'require', value: new ResourceRef('Package', 'b'), add: true },
      { name: 'tag', value: 'Motd', add: false },
    ], { scope: classScope('sub', base), file: '/m.pp', loc: at });
    assert.equal(r.params.get('mode'), '0644');
    assert.deepEqual(r.params.get('require'), [new ResourceRef('Package', 'a'), new ResourceRef('Package', 'b')]);
    assert.ok(r.tagged('motd'));
  });

  it('refuses an override from a scope that is not the declaring class or a subclass of it', () => {
    const r = resource('File', '/x', classScope('owner'));
    assert.throws(
      () => new Overrides().add(new ResourceRef('File', '/x'), r, [{ name: 'mode', value: '0600', add: false }], { scope: classScope('other'), file: '/m.pp', loc: at }),
      (e: unknown) => e instanceof PuppetError && e.message === 'Only subclasses can override parameters' && e.pos?.file === '/m.pp' && e.pos.line === 3,
    );
    assert.equal(r.params.has('mode'), false);
  });

  it('keeps an override of a resource not yet declared until the catalog is finished, and fails if it never came', () => {
    const o = new Overrides();
    o.add(new ResourceRef('File', '/late'), undefined, [{ name: 'mode', value: '0600', add: false }], { scope: top, file: '/m.pp', loc: at });
    const late = resource('File', '/late');
    o.applyPending(finder(late));
    assert.equal(late.params.get('mode'), '0600');
    const missing = new Overrides();
    missing.add(new ResourceRef('File', '/never'), undefined, [], { scope: top, file: '/m.pp', loc: at });
    assert.throws(() => missing.applyPending(finder()), /Could not find resource 'File\[\/never\]' for overriding/);
  });

  it("applies a collector's override to any resource", () => {
    const r = resource('File', '/y', classScope('owner'));
    new Overrides().apply(r, [{ name: 'owner', value: 'root', add: false }]);
    assert.equal(r.params.get('owner'), 'root');
  });
});

describe('Relationships', () => {
  it('adds `before` for -> and `notify` for ~>, to the sources of <- and <~ too', () => {
    const [a, b] = [resource('Package', 'ntp'), resource('Service', 'ntp')];
    const rels = new Relationships();
    const operand = (r: CatalogResource) => ({ value: new ResourceRef(r.type, r.title) });
    rels.add({ op: '->', left: operand(a), right: operand(b), loc: at, file: '/m.pp' });
    rels.add({ op: '<~', left: operand(b), right: { value: 'Package[ntp]' }, loc: at, file: '/m.pp' });
    rels.apply(finder(a, b));
    assert.deepEqual(a.params.get('before'), ['Service[ntp]']);
    assert.deepEqual(a.params.get('notify'), ['Service[ntp]']);
    assert.equal(b.params.has('before'), false);
  });

  it("takes a collector operand's resources as collected when the catalog is finished", () => {
    const [a, b] = [resource('User', 'u'), resource('File', '/home/u')];
    const collected: CatalogResource[] = [];
    const rels = new Relationships();
    rels.add({ op: '->', left: { collector: { collected } }, right: { value: new ResourceRef('File', '/home/u') }, loc: at, file: '/m.pp' });
    collected.push(a);
    rels.apply(finder(a, b));
    assert.deepEqual(a.params.get('before'), ['File[/home/u]']);
  });

  it('fails on a missing resource or a non-reference operand, with Puppet\'s messages', () => {
    const a = resource('Package', 'ntp');
    const missing = new Relationships();
    missing.add({ op: '->', left: { value: new ResourceRef('Package', 'ntp') }, right: { value: new ResourceRef('Service', 'gone') }, loc: at, file: '/m.pp' });
    assert.throws(() => missing.apply(finder(a)), /Could not find resource 'Service\[gone\]' for relationship from 'Package\[ntp\]'/);
    const bad = new Relationships();
    bad.add({ op: '->', left: { value: 'not a ref' }, right: { value: new ResourceRef('Package', 'ntp') }, loc: at, file: '/m.pp' });
    assert.throws(() => bad.apply(finder(a)), (e: unknown) => e instanceof PuppetError && /The expression <not a ref> is not a valid type specification/.test(e.message) && e.pos?.file === '/m.pp');
  });
});
