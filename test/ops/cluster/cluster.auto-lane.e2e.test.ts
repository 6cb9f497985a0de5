import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually } from '../../support/eventually.js';
import { rubyModuleEnvironment } from '../../support/puppet/puppet-module.fixture.js';
import { spawnServe } from '../../support/servers/serve-process.js';
import { postJson } from '../../support/servers/troupe-instance.js';

const NODES = ['a.test', 'b.test'];
// v1 is plain Puppet; v2 calls the module's Ruby function from inside inline EPP, which auto's analysis cannot see.
const { root, codeDir } = rubyModuleEnvironment("node default { notify { 'answer': message => 'v1' } }\n");
const dataDir = mkdtempSync(join(tmpdir(), 'troupe-auto-lane-'));
after(() => { for (const d of [root, dataDir]) rmSync(d, { recursive: true, force: true }); });

describe('a deployment with --compiler auto and an actor worker (the background lane)', { timeout: 120_000 }, () => {
  it("recompiles code the built-in turns out not to implement with Puppet: each node gets Puppet's catalog", async () => {
    const serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'auto', '--environments-dir', root, '--workers', '1', '--puppet-processes', '1', '--log-level', 'warn']);
    try {
      const answer = async (certname: string) => {
        const r = await postJson(`${serve.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { n: certname } } });
        assert.equal(r.status, 200, JSON.stringify(r.json));
        return r.json.catalog.resources.find((x: { title: string }) => x.title === 'answer').parameters.message as string;
      };
      const get = async (path: string) => (await (await fetch(`${serve.url}${path}`)).json()) as Record<string, any>;
      assert.deepEqual(await Promise.all(NODES.map(answer)), ['v1', 'v1']);
      await eventually(async () => ((await get('/troupe/v1/nodes?environment=production')) as unknown as unknown[]).length === NODES.length, 20_000, 'the projection');

      writeFileSync(join(codeDir, 'manifests/site.pp'), "node default { notify { 'answer': message => inline_epp('<%= mymod::double(3) %>') } }\n");
      const started = await postJson(`${serve.url}/troupe/v1/deployments`, {});
      assert.equal(started.status, 202, JSON.stringify(started.json));
      await eventually(async () => (await get('/troupe/v1/deployments'))['finished']?.[0]?.requested === NODES.length
        && (await get('/troupe/v1/deployments'))['open']?.length === 0, 60_000, 'the deployment');
      const finished = (await get('/troupe/v1/deployments'))['finished'][0];
      assert.deepEqual([finished.changed, finished.failed], [NODES.length, 0], JSON.stringify(finished));
      const backend = JSON.stringify((await get('/status'))['compile']['backend']);
      assert.match(backend, /"production":\{"backend":"puppet","reason":"the built-in does not implement what it uses/, backend);
      assert.deepEqual(await Promise.all(NODES.map(answer)), ['6', '6']);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
