import assert from 'node:assert/strict';
import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { puppetInstalled, puppetReadStaticCatalog } from '../../../../support/puppet/puppet-agent.fixture.js';
import { demoModuleEnvironment } from '../../../../support/puppet/puppet-module.fixture.js';
import { writeSite } from '../../../../support/puppet/puppet-env.fixture.js';
import { startTestTroupe, type TestTroupe } from '../../../../support/servers/troupe-instance.js';

/** The site: files Puppet inlines, and files it leaves to the agent. `OUT` is where `puppet apply` writes. */
const site = (out: string) => `
node 'apply.example.com' {
  file { '${out}/demo.txt': source => 'puppet:///modules/demo/demo.txt' }
  file { '${out}/tree': source => 'puppet:///modules/demo/tree', recurse => true }
}
node default {
  include demo
  file { '/tmp/tree': ensure => directory, source => 'puppet:///modules/demo/tree/', recurse => true }
  file { '/tmp/md5.txt': source => 'puppet:///modules/demo/demo.txt', checksum => 'md5' }
  file { '/tmp/second.txt': source => ['puppet:///modules/demo/missing.txt', 'puppet:///modules/demo/other.txt'] }
  file { '/tmp/https.txt': source => 'https://example.com/x' }
  file { '/tmp/plugin.rb': source => 'puppet:///plugins/facter/x.rb' }
  file { '/tmp/elsewhere.txt': source => 'puppet://files.example.com/modules/demo/demo.txt' }
  file { '/tmp/absent.txt': ensure => absent, source => 'puppet:///modules/demo/demo.txt' }
  file { '/tmp/missing.txt': source => 'puppet:///modules/demo/missing.txt' }
  file { '/tmp/escape.txt': source => 'puppet:///modules/demo/escape' }
}
`;
/** What a Puppet 7 agent sends along for a static catalog (`supported_checksum_types`). */
const STATIC = 'static_catalog=true&checksum_type=sha256.sha384.sha512.sha224.md5';
const FORM = 'application/x-www-form-urlencoded';
const execFile = promisify(execFileCallback);

/** A facts field as Puppet encodes it (URL-encoded twice). */
const factsField = (certname: string): string =>
  encodeURIComponent(encodeURIComponent(JSON.stringify({ name: certname, values: { kernel: 'Linux' }, timestamp: new Date().toISOString() })));

const sum = (tool: 'sha256sum' | 'md5sum', path: string): string => execFileSync(tool, [path], { encoding: 'utf8' }).split(' ')[0]!;

describe('static catalogs (v3): inlined file metadata and static_file_content', () => {
  let t: TestTroupe;
  let root: string;
  let files: string;
  let v3: string;
  before(async () => {
    let codeDir: string;
    ({ root, codeDir } = demoModuleEnvironment('', { 'files/tree/a.txt': 'a\n', 'files/tree/sub/b.txt': 'b\n', 'files/other.txt': 'other\n' }));
    writeSite(root, 'production', site(join(root, 'out')));
    files = join(codeDir, 'modules', 'demo', 'files');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    symlinkSync(join(root, 'secret.txt'), join(files, 'escape'));
    t = await startTestTroupe({ compiler: 'builtin', codeDir });
    v3 = `${t.http.url}/puppet/v3`;
  });
  after(async () => { await t.stop(); rmSync(root, { recursive: true, force: true }); });

  const catalog = async (certname: string, body: string) => {
    const res = await fetch(`${v3}/catalog/${certname}?environment=production`, { method: 'POST', headers: { accept: 'application/json', 'content-type': FORM }, body: `environment=production&facts_format=application%2Fjson&facts=${factsField(certname)}&${body}` });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return { text, json: JSON.parse(text) };
  };
  const content = async (path: string, codeId: string, environment = 'production') => {
    const res = await fetch(`${v3}/static_file_content/${path}?code_id=${codeId}&environment=${environment}`);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  it("inlines metadata as Puppet's compiler does: single files, recursive ones by source, only this server's modules/ files", async () => {
    const { json } = await catalog('web1.example.com', STATIC);
    assert.match(json.code_id, /^[0-9a-f]{40}$/);
    const demo = join(files, 'demo.txt');
    assert.deepEqual(Object.keys(json.metadata).sort(), ['/tmp/demo.txt', '/tmp/md5.txt', '/tmp/second.txt']);
    assert.deepEqual(json.metadata['/tmp/demo.txt'], {
      path: demo, relative_path: null, links: 'manage', owner: process.geteuid!(), group: process.getegid!(), mode: 0o644,
      checksum: { type: 'sha256', value: `{sha256}${sum('sha256sum', demo)}` }, type: 'file', destination: null,
      content_uri: 'puppet:///modules/demo/files/demo.txt', source: 'puppet:///modules/demo/demo.txt',
    });
    assert.deepEqual(Object.keys(json.metadata['/tmp/demo.txt']), ['path', 'relative_path', 'links', 'owner', 'group', 'mode', 'checksum', 'type', 'destination', 'content_uri', 'source']);
    assert.deepEqual(json.metadata['/tmp/md5.txt'].checksum, { type: 'md5', value: `{md5}${sum('md5sum', demo)}` }, "the resource's checksum wins over the agent's");
    assert.equal(json.metadata['/tmp/second.txt'].source, 'puppet:///modules/demo/other.txt', 'the first source found');
    assert.deepEqual(Object.keys(json.recursive_metadata), ['/tmp/tree']);
    const tree = json.recursive_metadata['/tmp/tree'];
    assert.deepEqual(Object.keys(tree), ['puppet:///modules/demo/tree'], 'keyed by the normalized source');
    const entries = tree['puppet:///modules/demo/tree'];
    assert.deepEqual(entries.map((m: any) => [m.relative_path, m.type, m.content_uri]), [
      ['.', 'directory', 'puppet:///modules/demo/files/tree'],
      ['a.txt', 'file', 'puppet:///modules/demo/files/tree/a.txt'],
      ['sub', 'directory', 'puppet:///modules/demo/files/tree/sub'],
      ['sub/b.txt', 'file', 'puppet:///modules/demo/files/tree/sub/b.txt'],
    ]);
    assert.ok(entries.every((m: any) => m.path === join(files, 'tree') && !('source' in m)));
    assert.equal(entries[3].checksum.value, `{sha256}${sum('sha256sum', join(files, 'tree/sub/b.txt'))}`);
    assert.match(entries[0].checksum.value, /^\{ctime\}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/);
  });

  it('leaves a plain catalog request as it was: no metadata', async () => {
    const { json } = await catalog('web2.example.com', '');
    assert.ok(!('metadata' in json) && !('recursive_metadata' in json));
    assert.equal(json.resources.filter((r: any) => r.type === 'File').length, 10);
  });

  it('serves content by code_id while the file still has the checksum the catalog gave it, streamed', async () => {
    const { json } = await catalog('web3.example.com', STATIC);
    const demo = await content('modules/demo/files/demo.txt', json.code_id);
    assert.deepEqual(demo, { status: 200, type: 'application/octet-stream', body: 'hello from demo\n' });
    assert.equal((await content('modules/demo/files/tree/sub/b.txt', json.code_id)).body, 'b\n');
    for (const [path, codeId, env, status] of [
      ['modules/demo/files/demo.txt', 'f00', 'production', 404], // a code_id no catalog had
      ['modules/demo/files/demo.txt', json.code_id, 'staging', 404],
      ['modules/demo/files/escape', json.code_id, 'production', 404], // never inlined: a link out of the mount
      ['modules/demo/files/%2e%2e/manifests/init.pp', json.code_id, 'production', 403],
      ['modules/demo/manifests/init.pp', json.code_id, 'production', 403],
      ['modules/demo/files/demo.txt', '', 'production', 400],
      ['modules/demo/files/demo.txt', 'a%20b', 'production', 400],
    ] as const) {
      assert.equal((await content(path, codeId, env)).status, status, `${path} ${codeId} ${env}`);
    }
  });

  it('answers 404 for a file changed since its catalog, and serves it under the new code_id', async () => {
    const old = (await catalog('web4.example.com', STATIC)).json;
    writeFileSync(join(files, 'demo.txt'), 'changed\n');
    t.app.compiler.invalidate('production');
    assert.equal((await content('modules/demo/files/demo.txt', old.code_id)).status, 404);
    assert.equal((await content('modules/demo/files/tree/a.txt', old.code_id)).body, 'a\n', 'an unchanged file is still served for the older code_id');
    const fresh = (await catalog('web4.example.com', STATIC)).json;
    assert.notEqual(fresh.code_id, old.code_id);
    assert.equal(fresh.metadata['/tmp/demo.txt'].checksum.value, `{sha256}${sum('sha256sum', join(files, 'demo.txt'))}`);
    assert.equal((await content('modules/demo/files/demo.txt', fresh.code_id)).body, 'changed\n');
  });

  it("is read by Puppet's own Catalog.from_data_hash as written, and Puppet's File type fetches content with static_file_content", { skip: !puppetInstalled && 'Puppet is not installed' }, async () => {
    const { text, json } = await catalog('web5.example.com', STATIC);
    const read = await puppetReadStaticCatalog(text, t.http.url);
    assert.equal(read.code_id, json.code_id);
    assert.deepEqual(read.metadata, json.metadata, "Puppet's to_data_hash of what it read");
    assert.deepEqual(read.recursive_metadata, json.recursive_metadata);
    assert.deepEqual(read.content, { '/tmp/demo.txt': 'changed\n', '/tmp/md5.txt': 'changed\n', '/tmp/second.txt': 'other\n' });
    assert.deepEqual(read.requests[0], ['static_file_content', { path: '/modules/demo/files/demo.txt', environment: 'production', code_id: json.code_id }]);
    assert.ok(read.requests.every(([method]) => method === 'static_file_content'));
  });

  it('lets `puppet apply --catalog` settle files from the inlined metadata alone, asking no server', { skip: !puppetInstalled && 'Puppet is not installed' }, async () => {
    const out = join(root, 'out');
    mkdirSync(join(out, 'tree', 'sub'), { recursive: true });
    writeFileSync(join(out, 'demo.txt'), readFileSync(join(files, 'demo.txt')));
    writeFileSync(join(out, 'tree', 'a.txt'), 'a\n');
    writeFileSync(join(out, 'tree', 'sub', 'b.txt'), 'b\n');
    const apply = async (body: string) => {
      const file = join(root, 'apply.json');
      writeFileSync(file, (await catalog('apply.example.com', body)).text);
      const dirs = ['confdir', 'vardir', 'codedir', 'logdir', 'rundir'].flatMap((d) => [`--${d}`, join(root, 'puppet', d)]);
      // No server answers on this port: any metadata or content request fails the run. Not spawnSync: Troupe shares this event loop.
      const r = await execFile('puppet', ['apply', '--catalog', file, ...dirs, '--server', '127.0.0.1', '--serverport', '9', '--color', 'false'], { encoding: 'utf8', timeout: 120_000 });
      // Facter's complaints about this sandbox's /proc are not the run's.
      return `${r.stdout}${r.stderr}`.split('\n').filter((l) => !l.includes('Facter:')).join('\n');
    };
    // `apply --catalog` exits 0 whatever failed: the log says.
    assert.match(await apply(''), /Error: .*Could not retrieve information from environment production source\(s\) puppet:\/\/\/modules\/demo\/demo\.txt/);
    const inlined = await apply(STATIC);
    assert.doesNotMatch(inlined, /Error|Could not retrieve/);
    assert.match(inlined, /Applied catalog/);
  });
});
