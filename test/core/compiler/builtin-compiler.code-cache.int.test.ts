import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES } from '../../../core/compiler/catalog-compiler.js';

function environments(site: string): { dir: string; site: string } {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-envs-'));
  mkdirSync(join(dir, 'production', 'manifests'), { recursive: true });
  const path = join(dir, 'production', 'manifests', 'site.pp');
  writeFileSync(path, site);
  return { dir, site: path };
}

const request = { certname: 'n1.example.com', environment: 'production', facts: {}, exported: NO_EXPORTED_RESOURCES, catalogUuid: 'u' };
const notifyTitles = (c: { resources: readonly { type: string; title: string }[] }): string[] =>
  c.resources.filter((r) => r.type === 'Notify').map((r) => r.title);

describe('builtin compiler code cache', () => {
  it('picks up a code change without a restart, and codeId changes with it', async () => {
    const env = environments("notify { 'v1': }\n");
    const compiler = createBuiltinCompiler({ environmentsDir: env.dir, checkIntervalMs: 0 });
    const id1 = await compiler.codeId('production');
    const r1 = await compiler.compile(request);
    assert.ok(r1.ok);
    assert.deepEqual(notifyTitles(r1.value), ['v1']);
    assert.equal(r1.value.code_id, id1);

    writeFileSync(env.site, "notify { 'v2': }\n");
    utimesSync(env.site, new Date(), new Date(Date.now() + 5000));
    const id2 = await compiler.codeId('production');
    assert.notEqual(id2, id1);
    const r2 = await compiler.compile(request);
    assert.ok(r2.ok);
    assert.deepEqual(notifyTitles(r2.value), ['v2']);
  });

  it('trusts checked code for checkIntervalMs, and invalidate() forces a re-check', async () => {
    const env = environments("notify { 'old': }\n");
    const compiler = createBuiltinCompiler({ environmentsDir: env.dir, checkIntervalMs: 60_000 });
    assert.ok((await compiler.compile(request)).ok);
    writeFileSync(env.site, "notify { 'new': }\n");
    utimesSync(env.site, new Date(), new Date(Date.now() + 5000));
    const cached = await compiler.compile(request);
    assert.ok(cached.ok);
    assert.deepEqual(notifyTitles(cached.value), ['old']);
    compiler.invalidate('production');
    const fresh = await compiler.compile(request);
    assert.ok(fresh.ok);
    assert.deepEqual(notifyTitles(fresh.value), ['new']);
  });

  it("reports a module file's syntax error on every compile, not only the first (a failed parse is not loaded)", async () => {
    const env = environments('include broken\n');
    mkdirSync(join(env.dir, 'production', 'modules', 'broken', 'manifests'), { recursive: true });
    writeFileSync(join(env.dir, 'production', 'modules', 'broken', 'manifests', 'init.pp'), "class broken { notify { 'x': \n");
    const compiler = createBuiltinCompiler({ environmentsDir: env.dir });
    const messages: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await compiler.compile(request);
      messages.push(r.ok ? 'compiled' : r.error.message);
    }
    assert.match(messages[0]!, /Syntax error at end of input/);
    assert.equal(messages[1], messages[0]);
  });

  it('returns errors as results: syntax errors, unknown environments', async () => {
    const env = environments("notify { 'x': \n");
    const compiler = createBuiltinCompiler({ environmentsDir: env.dir });
    const syntax = await compiler.compile(request);
    assert.equal(syntax.ok, false);
    assert.match(syntax.ok ? '' : syntax.error.message, /^Could not parse for environment production: Syntax error at end of input \(file: .*site\.pp\) on node n1\.example\.com$/);
    const missing = await compiler.compile({ ...request, environment: 'nosuch' });
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.error.message, /Could not find a directory environment named 'nosuch'/);
  });

  it('rejects options without exactly one code location', () => {
    assert.throws(() => createBuiltinCompiler({}), /environmentsDir: exactly one of environmentsDir and codeDir must be set/);
    assert.throws(() => createBuiltinCompiler({ codeDir: '/x', environmentsDir: '/y' }), /exactly one/);
  });
});
