import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCompileCommand } from '../../../../ops/cli/fleet/compile.command.js';

function capture(): { io: { out: (t: string) => void; err: (t: string) => void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (t) => { out += t; }, err: (t) => { err += t; } }, out: () => out, err: () => err };
}

const dir = mkdtempSync(join(tmpdir(), 'troupe-compile-cmd-'));
const facts = join(dir, 'facts.json');
writeFileSync(facts, JSON.stringify({
  os: { family: 'Debian', name: 'Debian', release: { full: '12.1' } }, networking: { ip: '10.0.0.9', fqdn: 'web07.example.com' },
  processors: { count: 2 }, memory: { system: { total_bytes: 4294967296 } },
}));

describe('troupe compile', () => {
  it('prints the example environment catalog of a node as JSON', async () => {
    const c = capture();
    const code = await runCompileCommand(['--node', 'web07.example.com', '--facts', facts], c.io);
    assert.equal(code, 0, c.err());
    const catalog = JSON.parse(c.out()) as { name: string; classes: string[] };
    assert.equal(catalog.name, 'web07.example.com');
    assert.ok(catalog.classes.includes('role::webserver'));
  });

  it('prints Puppet-shaped errors on stderr and exits non-zero', async () => {
    const env = join(dir, 'broken');
    const manifests = join(env, 'manifests');
    await import('node:fs').then((fs) => fs.mkdirSync(manifests, { recursive: true }));
    writeFileSync(join(manifests, 'site.pp'), "fail('nope')\n");
    const c = capture();
    const code = await runCompileCommand(['--node', 'n1', '--facts', facts, '--code', env], c.io);
    assert.equal(code, 1);
    assert.match(c.err(), /Evaluation Error: Error while evaluating a Function Call, nope \(file: .*site\.pp, line: 1, column: 1\) on node n1/);
  });

  it('rejects missing arguments with usage', async () => {
    const c = capture();
    assert.equal(await runCompileCommand(['--node', 'x'], c.io), 2);
    assert.match(c.err(), /--node and --facts are required\nrun 'troupe compile --help'/);
  });
});
