import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResourceFilter } from '../../core/compiler/catalog-compiler.js';
import { createPdbQueryEngine } from '../../projections/query/pdb-query.engine.js';
import { exportedResourceLookup } from '../../projections/exported-resources.query.js';
import { StoreconfigsProjection } from '../../projections/storeconfigs/storeconfigs.projection.js';
import { catalogSubmitted, deactivated, recorded, resource, storeCatalog, tmpFiles } from './storeconfigs.fixture.js';

const files = tmpFiles('troupe-er-');
const exported = (title: string, tags: string[], parameters: Record<string, unknown>) =>
  resource('Nagios_host', title, { exported: true, tags: ['nagios_host', ...tags], parameters });

let p: StoreconfigsProjection;
before(() => {
  p = StoreconfigsProjection.open({ path: files.path() });
  p.apply(recorded([
    catalogSubmitted('web1', storeCatalog([resource('Class', 'main'), exported('web1', ['web'], { port: 80, groups: ['a', 'b'] })]), 'c1'),
    catalogSubmitted('web2', storeCatalog([resource('Class', 'main'), exported('web2', ['web', 'eu'], { port: 8080, groups: ['c'] }),
      resource('Nagios_host', 'local-only', { parameters: { port: 80 } })]), 'c2'),
    catalogSubmitted('db1', storeCatalog([resource('Class', 'main'), exported('db1', ['db'], { port: 5432 }),
      resource('Ssh::Key', 'db1', { exported: true, tags: ['ssh::key'] })], { environment: 'dev' }), 'c3'),
    catalogSubmitted('gone', storeCatalog([exported('gone', ['web'], { port: 80 })]), 'c4'),
    deactivated('gone', '2026-02-01T00:00:00.000Z', 'd1'),
  ]));
});
after(() => p.close());

const titles = async (filter?: ResourceFilter, more: { environment?: string; excludeCertname?: string; type?: string } = {}) =>
  (await exportedResourceLookup(createPdbQueryEngine(p.database)).find({ type: 'Nagios_host', excludeCertname: 'monitor', ...more, ...(filter ? { filter } : {}) }))
    .map((r) => r.title);

describe('exportedResourceLookup', () => {
  it('returns exported resources of the type from active nodes, in PuppetDB shape', async () => {
    assert.deepEqual(await titles(), ['db1', 'web1', 'web2']);
    const [first] = await exportedResourceLookup(createPdbQueryEngine(p.database)).find({ type: 'nagios_host', excludeCertname: 'x' });
    assert.deepEqual(first, {
      certname: 'db1', type: 'Nagios_host', title: 'db1', exported: true, tags: ['nagios_host', 'db'],
      file: null, line: null, environment: 'dev', parameters: { port: 5432 },
    });
  });
  it('excludes the compiling node itself and deactivated nodes', async () => {
    assert.deepEqual(await titles(undefined, { excludeCertname: 'web1' }), ['db1', 'web2']);
    assert.ok(!(await titles()).includes('gone'));
  });
  it('filters by environment and capitalises namespaced types', async () => {
    assert.deepEqual(await titles(undefined, { environment: 'production' }), ['web1', 'web2']);
    assert.deepEqual(await titles(undefined, { type: 'ssh::key' }), ['db1']);
  });
  it('matches == on tags (any element, case-insensitive), title and parameters', async () => {
    assert.deepEqual(await titles({ op: '==', attribute: 'tag', value: 'web' }), ['web1', 'web2']);
    assert.deepEqual(await titles({ op: '==', attribute: 'tag', value: 'EU' }), ['web2']);
    assert.deepEqual(await titles({ op: '==', attribute: 'title', value: 'db1' }), ['db1']);
    assert.deepEqual(await titles({ op: '==', attribute: 'port', value: 80 }), ['web1']);
    assert.deepEqual(await titles({ op: '==', attribute: 'port', value: '80' }), [], 'types are compared exactly');
  });
  it('matches an array parameter when any element equals', async () => {
    assert.deepEqual(await titles({ op: '==', attribute: 'groups', value: 'b' }), ['web1']);
    assert.deepEqual(await titles({ op: '!=', attribute: 'groups', value: 'b' }), ['db1', 'web2']);
  });
  it('negates with != (a missing parameter is != anything)', async () => {
    assert.deepEqual(await titles({ op: '!=', attribute: 'tag', value: 'web' }), ['db1']);
    assert.deepEqual(await titles({ op: '!=', attribute: 'groups', value: 'zzz' }), ['db1', 'web1', 'web2']);
  });
  it('combines with and / or', async () => {
    const web: ResourceFilter = { op: '==', attribute: 'tag', value: 'web' };
    const p80: ResourceFilter = { op: '==', attribute: 'port', value: 80 };
    assert.deepEqual(await titles({ op: 'and', left: web, right: { op: '!=', attribute: 'port', value: 80 } }), ['web2']);
    assert.deepEqual(await titles({ op: 'or', left: p80, right: { op: '==', attribute: 'tag', value: 'db' } }), ['db1', 'web1']);
    assert.deepEqual(await titles({ op: 'and', left: web, right: p80 }), ['web1']);
  });
});
