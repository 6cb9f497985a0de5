import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PuppetCatalog, PuppetResource } from '../../../core/catalog/puppet-catalog.types.js';
import { FileServer } from '../../../core/file-serving/file-server.js';
import { parseContentPath } from '../../../core/file-serving/mount-path.js';
import { inlineMetadata, withStaticMetadata } from '../../../core/file-serving/static-catalog.js';
import { StaticContent } from '../../../core/file-serving/static-content.js';

const file = (title: string, parameters: Record<string, unknown>): PuppetResource => ({ type: 'File', title, tags: [], exported: false, parameters });
const catalogOf = (resources: PuppetResource[], codeId: string | null = 'c1'): PuppetCatalog => ({
  tags: [], name: 'n1', version: 1, code_id: codeId, catalog_uuid: 'u', catalog_format: 1, environment: 'production', resources, edges: [], classes: [],
});

describe('static catalog inlining over a real environment', () => {
  let dir: string;
  let files: FileServer;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'troupe-static-'));
    const write = (path: string, text: string) => { mkdirSync(dirname(join(dir, path)), { recursive: true }); writeFileSync(join(dir, path), text); };
    write('env/environment.conf', 'modulepath = modules:../shared\n');
    for (const f of ['a/one.txt', 'a/two.txt', 'b/three.txt', 'single.txt']) write(`env/modules/demo/files/${f}`, f);
    write('shared/outside/files/x.txt', 'x');
    files = new FileServer(join(dir, 'env'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives no content_uri without a code_id: the agent then fetches content with file_content', async () => {
    const added = await inlineMetadata(catalogOf([file('/s', { source: 'puppet:///modules/demo/single.txt' })], null), 'sha256', files);
    assert.equal(added.metadata['/s']!.source, 'puppet:///modules/demo/single.txt');
    assert.ok(!('content_uri' in added.metadata['/s']!));
  });

  it("lists every source for sourceselect => all, and only files below a module's files/ in the environment", async () => {
    const added = await inlineMetadata(catalogOf([
      file('/all', { source: ['puppet:///modules/demo/a', 'puppet:///modules/demo/b'], recurse: 'remote', sourceselect: 'all' }),
      file('/whole', { source: 'puppet:///modules/demo', recurse: true }),
      file('/outside', { source: 'puppet:///modules/outside/x.txt' }),
      file('/limited', { source: 'puppet:///modules/demo/a', recurse: true, recurselimit: '0', ignore: 'two.*' }),
    ]), 'md5', files);
    assert.deepEqual(Object.keys(added.recursive_metadata['/all']!), ['puppet:///modules/demo/a', 'puppet:///modules/demo/b']);
    assert.deepEqual(added.recursive_metadata['/all']!['puppet:///modules/demo/b']!.map((m) => m.content_uri), ['puppet:///modules/demo/files/b', 'puppet:///modules/demo/files/b/three.txt']);
    assert.equal(added.recursive_metadata['/all']!['puppet:///modules/demo/a']![1]!.checksum.type, 'md5');
    assert.ok(!('/whole' in added.recursive_metadata), "a module's whole files/ is not inlined (Puppet's files/.+)");
    assert.ok(!('/outside' in added.metadata), 'a module path directory outside the environment is not inlined');
    assert.deepEqual(added.recursive_metadata['/limited']!['puppet:///modules/demo/a']!.map((m) => m.relative_path), ['.']);
  });

  it('inlines nothing in an environment with static_catalogs = false', async () => {
    writeFileSync(join(dir, 'env', 'environment.conf'), 'modulepath = modules:../shared\nstatic_catalogs = false\n');
    try {
      const added = await inlineMetadata(catalogOf([file('/s', { source: 'puppet:///modules/demo/single.txt' })]), 'sha256', files);
      assert.deepEqual(added, { metadata: {}, recursive_metadata: {} });
    } finally {
      writeFileSync(join(dir, 'env', 'environment.conf'), 'modulepath = modules:../shared\n');
    }
  });

  it('inlines at most the limit of entries; resources past it stay as they are', async () => {
    const added = await inlineMetadata(catalogOf([
      file('/tree', { source: 'puppet:///modules/demo/a', recurse: true }),
      file('/s', { source: 'puppet:///modules/demo/single.txt' }),
      file('/t', { source: 'puppet:///modules/demo/single.txt' }),
    ]), 'sha256', files, 2);
    assert.deepEqual(added.recursive_metadata, {}, 'three entries do not fit in two');
    assert.deepEqual(Object.keys(added.metadata), ['/s', '/t']);
  });

  it("adds the fields to the compiled catalog's text without serializing it again, and only when there are some", () => {
    const text = JSON.stringify(catalogOf([]));
    assert.equal(withStaticMetadata(text, { metadata: {}, recursive_metadata: {} }), text);
    const meta = { path: '/p', relative_path: null, links: 'manage', owner: 0, group: 0, mode: 420, checksum: { type: 'none', value: '{none}' }, type: 'file', destination: null } as const;
    const out = JSON.parse(withStaticMetadata(text, { metadata: { '/p': meta }, recursive_metadata: {} }));
    assert.deepEqual(out, { ...catalogOf([]), metadata: { '/p': meta } });
  });

  it('forgets the least recently used checksums past its capacity: their content is then not found', async () => {
    const content = new StaticContent(files, 2);
    const single = (title: string, path: string) => catalogOf([file(title, { source: `puppet:///modules/demo/${path}` })]);
    const target = (path: string) => { const p = parseContentPath(`modules/demo/files/${path}`); assert.ok(p.ok); return p.value; };
    await content.inline(single('/1', 'single.txt'), 'sha256');
    await content.inline(single('/2', 'a/one.txt'), 'sha256');
    await (await content.open('production', 'c1', target('single.txt'))).handle.close(); // used: now the most recent
    await content.inline(single('/3', 'b/three.txt'), 'sha256');
    await assert.rejects(content.open('production', 'c1', target('a/one.txt')), { code: 'not_found' });
    for (const kept of ['single.txt', 'b/three.txt']) await (await content.open('production', 'c1', target(kept))).handle.close();
  });
});
