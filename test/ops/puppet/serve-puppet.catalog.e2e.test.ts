import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eventually } from '../../support/eventually.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';
import { runTroupe } from '../../support/servers/troupe-cli.js';

const SITE = "node default { notify { 'double': message => \"double is ${mymod::double(21)}\" } }\n";

async function stop(serve: ServeProcess): Promise<void> {
  serve.child.kill('SIGTERM');
  const killed = setTimeout(() => serve.child.kill('SIGKILL'), 10_000);
  await serve.exited;
  clearTimeout(killed);
}

describe('troupe serve --compiler puppet', () => {
  it('answers POST /puppet/v4/catalog with what the Ruby function computed, and shows its pool in /status', async () => {
    const { root, codeDir } = rubyModuleEnvironment(SITE);
    let serve: ServeProcess | undefined;
    try {
      serve = await spawnServe(['--data-dir', join(root, 'data'), '--code-dir', codeDir, '--compiler', 'puppet', '--workers', '1', '--puppet-processes', '1']);
      const res = await fetch(`${serve.url}/puppet/v4/catalog`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ certname: 'web1.example.com', environment: 'production', facts: { values: { role: 'web' } } }),
      });
      const body = (await res.json()) as { catalog: { resources: { type: string; parameters?: Record<string, unknown> }[] } };
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(body.catalog.resources.find((r) => r.type === 'Notify')?.parameters?.['message'], 'double is 42');
      type Backend = { size: number; running: number; processes: { rssMb: number; compiles: number }[] };
      let compile: { compiler: string; backend: Backend[] } | undefined;
      // Workers report their pool once a second.
      await eventually(async () => {
        compile = ((await (await fetch(`${serve!.url}/status`)).json()) as { compile: typeof compile }).compile;
        return compile?.backend[0]?.processes[0]?.compiles === 1;
      }, 10_000, 'the pool in /status');
      assert.equal(compile!.compiler, 'puppet');
      assert.deepEqual([compile!.backend.length, compile!.backend[0]!.size, compile!.backend[0]!.running], [1, 1, 1]);
      assert.ok(compile!.backend[0]!.processes[0]!.rssMb > 10, JSON.stringify(compile));
    } finally {
      if (serve) await stop(serve);
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses to start, in a sentence, without ruby', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'troupe-noruby-'));
    try {
      const r = await runTroupe(['serve', '--compiler', 'puppet', '--port', '0', '--data-dir', join(empty, 'data')], { env: { TROUPE_CONFIG: '', PATH: empty }, timeoutMs: 30_000 });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /compiler: the puppet compiler needs ruby with Puppet 7 \(ruby\): spawnSync ruby ENOENT/);
      assert.equal(r.leftovers, false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
