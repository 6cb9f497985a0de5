import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually } from '../../support/eventually.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { spawnServe } from '../../support/servers/serve-process.js';
import { postJson } from '../../support/servers/troupe-instance.js';

const NODES = ['a.test', 'b.test', 'c.test', 'd.test'];
const envs = tempEnvironments('rollout-cluster');
writeSite(envs, 'production', "node default { notify { 'release': message => 'v1' } }\n");
const v2 = writeSite(tempEnvironments('rollout-cluster-v2'), 'production', "node default { notify { 'release': message => 'v2' } }\n");
const dataDir = mkdtempSync(join(tmpdir(), 'troupe-rollout-cluster-'));
after(() => { for (const d of [envs, join(v2, '..'), dataDir]) rmSync(d, { recursive: true, force: true }); });

describe('a staged rollout with actor workers (troupe serve --workers 2)', () => {
  it('each worker compiles a node with the version its wave gave it, and with the previous again after the abort', async () => {
    const serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'builtin', '--environments-dir', envs, '--workers', '2']);
    try {
      const release = async (certname: string) => {
        const r = await postJson(`${serve.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { n: certname } } });
        assert.equal(r.status, 200, JSON.stringify(r.json));
        return r.json.catalog.resources.find((x: { title: string }) => x.title === 'release').parameters.message as string;
      };
      const releases = async () => Promise.all(NODES.map(release));
      const rollouts = async () => (await (await fetch(`${serve.url}/troupe/v1/rollouts`)).json()) as { open: Array<{ moved: number; phase: string }>; finished: Array<{ outcome: string }> };
      assert.deepEqual(await releases(), ['v1', 'v1', 'v1', 'v1']);
      await eventually(async () => {
        const nodes = (await (await fetch(`${serve.url}/troupe/v1/nodes?environment=production`)).json()) as unknown[];
        return nodes.length === NODES.length;
      }, 20_000, 'the projection');

      const started = await postJson(`${serve.url}/troupe/v1/deployments`, { codeDir: v2, waves: '2,rest', pace: '1h' });
      assert.equal(started.status, 202, JSON.stringify(started.json));
      await eventually(async () => (await rollouts()).open[0]?.moved === 2, 20_000, 'the first wave');
      const during = await releases();
      assert.equal(during.filter((r) => r === 'v2').length, 2, `two nodes on the new code: ${during}`);

      assert.equal((await postJson(`${serve.url}/troupe/v1/rollouts/production/abort`, {})).status, 202);
      await eventually(async () => (await rollouts()).finished[0]?.outcome === 'aborted', 20_000, 'the abort');
      assert.deepEqual(await releases(), ['v1', 'v1', 'v1', 'v1']);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
