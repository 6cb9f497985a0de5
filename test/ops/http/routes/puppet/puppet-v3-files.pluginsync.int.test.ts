import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileServer } from '../../../../../core/file-serving/file-server.js';
import { demoModuleEnvironment } from '../../../../support/puppet/puppet-module.fixture.js';
import { startTestTroupe, type TestTroupe } from '../../../../support/servers/troupe-instance.js';

/** What `puppet agent` sends for pluginsync (Puppet::Configurer::Downloader). */
const PLUGINSYNC = 'environment=production&links=follow&recurse=true&source_permissions=use&checksum_type=sha256&ignore=.svn&ignore=CVS&ignore=.git&ignore=.hg&max_files=-1';
const BIG = 'x'.repeat(3 * 1024 * 1024);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe("Puppet's file server (v3)", () => {
  let t: TestTroupe;
  let root: string;
  let codeDir: string;
  let files: string;
  before(async () => {
    ({ root, codeDir } = demoModuleEnvironment('node default { include demo }', {
      'files/sub/one.txt': '1', 'files/sub/skip.me': 's', 'files/sub/deeper/two.txt': '2', 'files/big.bin': BIG, 'lib/.git/HEAD': 'ignored',
    }));
    const mod = join(codeDir, 'modules', 'demo');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    symlinkSync(join(root, 'secret.txt'), join(mod, 'files', 'escape'));
    symlinkSync('demo.txt', join(mod, 'files', 'alias.txt'));
    chmodSync(join(mod, 'files', 'demo.txt'), 0o640);
    t = await startTestTroupe({ compiler: 'builtin', codeDir });
    files = `${t.http.url}/puppet/v3`;
  });
  after(async () => { await t.stop(); rmSync(root, { recursive: true, force: true }); });

  const get = async (path: string) => {
    const res = await fetch(`${files}/${path}`, { headers: { accept: 'application/json' } });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined };
  };

  it('lists every module lib/ and facts.d/ for pluginsync, as Puppet does', async () => {
    const plugins = await get(`file_metadatas/plugins?${PLUGINSYNC}`);
    assert.equal(plugins.status, 200);
    assert.deepEqual(plugins.json.map((m: { relative_path: string; type: string }) => [m.relative_path, m.type]), [['.', 'directory'], ['facter', 'directory'], ['facter/x.rb', 'file']]);
    const x = plugins.json[2];
    assert.equal(x.path, join(codeDir, 'modules', 'demo', 'lib'));
    assert.deepEqual(x.checksum, { type: 'sha256', value: `{sha256}${sha256('Facter.add(:demo_x) { setcode { "x" } }\n')}` });
    assert.equal(x.links, 'follow');
    assert.equal(plugins.json[0].checksum.type, 'ctime');
    const facts = await get(`file_metadatas/pluginfacts?${PLUGINSYNC}`);
    assert.deepEqual(facts.json.map((m: { relative_path: string }) => m.relative_path), ['.', 'y.txt']);
    const locales = await get(`file_metadatas/locales?${PLUGINSYNC}`);
    assert.deepEqual(locales.json.map((m: { relative_path: string; type: string }) => [m.relative_path, m.type]), [['.', 'directory']]);
    const content = await get('file_content/plugins/facter/x.rb?environment=production');
    assert.equal(content.status, 200);
    assert.equal(content.headers.get('content-type'), 'application/octet-stream');
    assert.equal(content.text, 'Facter.add(:demo_x) { setcode { "x" } }\n');
  });

  it('describes one file with the checksum, links and permissions asked for', async () => {
    const md5 = await get('file_metadata/modules/demo/demo.txt?environment=production&links=manage&checksum_type=md5&source_permissions=ignore');
    assert.deepEqual(md5.json, {
      path: join(codeDir, 'modules', 'demo', 'files', 'demo.txt'), relative_path: null, links: 'manage',
      owner: process.geteuid!(), group: process.getegid!(), mode: 0o644,
      checksum: { type: 'md5', value: `{md5}${createHash('md5').update('hello from demo\n').digest('hex')}` }, type: 'file', destination: null,
    });
    const use = await get('file_metadata/modules/demo/demo.txt?environment=production&source_permissions=use');
    assert.equal(use.json.mode, 0o640);
    assert.match(use.json.checksum.value, /^\{sha256\}[0-9a-f]{64}$/);
    const link = await get('file_metadata/modules/demo/alias.txt?environment=production&links=manage');
    assert.equal(link.json.type, 'link');
    assert.equal(link.json.destination, 'demo.txt');
    const followed = await get('file_metadata/modules/demo/alias.txt?environment=production&links=follow');
    assert.equal(followed.json.type, 'file');
    assert.equal(followed.json.destination, null);
    const mtime = await get('file_metadata/modules/demo/demo.txt?environment=production&checksum_type=mtime');
    assert.match(mtime.json.checksum.value, /^\{mtime\}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/);
  });

  it('recurses a module directory with ignore patterns and a depth limit', async () => {
    const rel = async (q: string) => (await get(`file_metadatas/modules/demo/sub?environment=production&${q}`)).json.map((m: { relative_path: string }) => m.relative_path);
    assert.deepEqual(await rel('recurse=true'), ['.', 'deeper', 'one.txt', 'skip.me', 'deeper/two.txt']);
    assert.deepEqual(await rel('recurse=true&ignore=skip*&ignore=deep?r'), ['.', 'one.txt']);
    assert.deepEqual(await rel('recurse=true&recurselimit=1'), ['.', 'deeper', 'one.txt', 'skip.me']);
    assert.deepEqual(await rel('recurse=false'), ['.']);
    assert.equal((await get('file_metadatas/modules/demo/sub?environment=production&recurse=true&max_files=2')).status, 500);
  });

  it('streams file content whole', async () => {
    const big = await get('file_content/modules/demo/big.bin?environment=production');
    assert.equal(big.status, 200);
    assert.equal(big.headers.get('content-length'), String(BIG.length));
    assert.equal(big.text, BIG);
  });

  it('serves nothing outside a mount: links out, .., NUL, unknown mounts and modules', async () => {
    const cases: Array<[string, number]> = [
      ['file_content/modules/demo/escape?environment=production', 404],
      ['file_metadata/modules/demo/escape?environment=production', 404],
      ['file_content/modules/demo/..%2F..%2F..%2Fsecret.txt?environment=production', 400],
      ['file_content/modules/demo/demo.txt%00.rb?environment=production', 400],
      ['file_content/modules/demo/sub?environment=production', 404],
      ['file_content/modules/nope/x?environment=production', 404],
      ['file_content/modules/Bad-Name/x?environment=production', 400],
      ['file_content/etc/passwd?environment=production', 400],
      ['file_content/modules/demo/demo.txt', 400],
      ['file_metadata/modules/demo/demo.txt?environment=production&checksum_type=crc32', 400],
      ['file_metadata/modules/demo/demo.txt?environment=production&links=sideways', 400],
    ];
    for (const [path, status] of cases) {
      const r = await get(path);
      assert.equal(r.status, status, `${path}: ${r.text}`);
      assert.notEqual(r.text, 'secret');
      assert.equal(typeof r.json.message, 'string', path);
    }
    const listing = await get('file_metadatas/modules/demo?environment=production&recurse=true&links=follow');
    assert.ok(!listing.json.some((m: { relative_path: string }) => m.relative_path === 'escape'));
  });

  it('bounds a listing whatever max_files says', async () => {
    const server = new FileServer(codeDir, 3);
    const target = { mount: 'modules' as const, module: 'demo', segments: ['sub'] };
    await assert.rejects(server.search(target, { links: 'manage', checksumType: 'none', sourcePermissions: 'ignore', recurse: true, recurseLimit: null, ignore: [], maxFiles: -1 }), { code: 'too_large' });
  });
});
