import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AutoCompilerStats } from '../../../../../core/compiler/auto/auto.compiler.js';
import { TroupeApp } from '../../../../../ops/app/troupe-app.js';
import { defaultConfig } from '../../../../../ops/config/troupe.config.js';
import { startHttpServer, type RunningHttpServer } from '../../../../../ops/http/http-server.js';
import { eventually } from '../../../../support/eventually.js';
import { tempEnvironments } from '../../../../support/puppet/puppet-env.fixture.js';
import { rubyModuleEnvironment } from '../../../../support/puppet/puppet-module.fixture.js';
import { postJson, testConfig } from '../../../../support/servers/troupe-instance.js';

const NODES = ['a.test', 'b.test', 'c.test'];
// The environment's code is plain Puppet (the built-in compiles it); the new version calls a
// module's Ruby function, so `auto` compiles it with real Puppet: one rollout, both backends.
const { root, codeDir: own } = rubyModuleEnvironment("node default { notify { 'release': message => 'v1' } }\n");
const v2 = join(tempEnvironments('rollout-auto-v2'), 'production');
cpSync(own, v2, { recursive: true });
writeFileSync(join(v2, 'manifests/site.pp'), "node default { notify { 'release': message => \"v${mymod::double(1)}\" } }\n");
const config = testConfig({ compiler: defaultConfig().compiler, environmentsDir: root, workers: 0, compileConcurrency: 1 });
after(() => {
  for (const d of [root, join(v2, '..'), config.dataDir]) rmSync(d, { recursive: true, force: true });
});

let app: TroupeApp;
let http: RunningHttpServer;

async function release(certname: string): Promise<string> {
  const r = await postJson(`${http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { n: certname } } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.catalog.resources.find((x: { title: string }) => x.title === 'release').parameters.message;
}
const releases = async () => Object.fromEntries(await Promise.all(NODES.map(async (n) => [n, await release(n)] as const)));
const post = (path: string, body: unknown = {}) => postJson(`${http.url}${path}`, body);

describe('a staged rollout under the default compiler (auto), each version on the backend it needs', () => {
  it('is the default compiler', () => {
    assert.equal(config.compiler, 'auto');
  });

  it('moves the first wave to the new version (compiled by real Puppet), the rest stay on the built-in, promote completes', async () => {
    app = await TroupeApp.open(config);
    http = await startHttpServer(app, '127.0.0.1', 0);
    try {
      assert.deepEqual(await releases(), Object.fromEntries(NODES.map((n) => [n, 'v1'])));
      await eventually(async () => (await app.queries.countNodesOfEnvironment('production', 'none')) === NODES.length, 10_000, 'the projection');

      const started = await post('/troupe/v1/deployments', { environment: 'production', codeDir: v2, waves: '1,rest', pace: '1h' });
      assert.equal(started.status, 202, JSON.stringify(started.json));
      await eventually(() => app.rollouts.status().open[0]?.moved === 1, 30_000, 'the first wave');
      const first = await releases();
      assert.deepEqual(Object.values(first).sort(), ['v1', 'v1', 'v2'], JSON.stringify(first));

      const stats = app.compiler.stats!() as AutoCompilerStats;
      const copies = join(config.dataDir, 'code-versions', 'production');
      const decided = Object.entries(stats.environments).map(([k, d]) => [k.split(copies).join('<copies>'), d.backend]).sort();
      assert.deepEqual(decided, [
        [`production@<copies>/${started.json.codeId}`, 'puppet'],
        [`production@<copies>/${started.json.previousCodeId}`, 'builtin'],
      ].sort(), 'each version decided on its own');
      assert.ok(stats.compiles.puppet.compiled >= 1 && stats.compiles.builtin.compiled >= 1);

      assert.equal((await post('/troupe/v1/rollouts/production/promote')).status, 202);
      await eventually(() => app.rollouts.status().open[0]?.moved === NODES.length, 30_000, 'the last wave');
      assert.equal((await post('/troupe/v1/rollouts/production/promote')).status, 202, 'after the last wave, promote completes');
      await eventually(() => app.rollouts.status().open.length === 0, 10_000, 'completion');
      assert.equal(app.rollouts.status().finished[0]!.outcome, 'completed');
      assert.deepEqual(await releases(), Object.fromEntries(NODES.map((n) => [n, 'v2'])));
    } finally {
      await http.close();
      await app.close();
    }
  });
});
