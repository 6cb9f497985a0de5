import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually } from '../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const server = postgresSkip ? undefined : testPostgres();
const envs = tempEnvironments('rollout-code');
const v2 = writeSite(tempEnvironments('rollout-code-v2'), 'production', "node default { notify { 'release': message => 'v2' } }\n");
after(async () => {
  for (const d of [envs, join(v2, '..')]) rmSync(d, { recursive: true, force: true });
  await server?.stop();
});

const NODES = Array.from({ length: 8 }, (_, i) => `n${i}.test`);
const site = (release: string) => `node default { notify { 'release': message => '${release}' } }\n`;

async function release(t: TestTroupe, certname: string): Promise<string> {
  const r = await postJson(`${t.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { n: certname } } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.catalog.resources.find((x: { title: string }) => x.title === 'release').parameters.message;
}

describe("two instances on one PostgreSQL: a rollout's code versions reach every instance", { skip: postgresSkip, timeout: 120_000 }, () => {
  it('a node the other instance owns compiles the previous version from the copy the leader stored, not from the changed environment', async () => {
    writeSite(envs, 'production', site('v1'));
    const url = await server!.newDatabase();
    const instance = (id: string) => startTestTroupe({
      store: { kind: 'postgres', url }, instanceId: id, leaseMs: 2000, shards: 4,
      compiler: 'builtin', environmentsDir: envs, workers: 0, compileConcurrency: 2,
    });
    const both = [await instance('a'), await instance('b')];
    try {
      await eventually(async () => {
        const held = await Promise.all(both.map(async (t) => (await t.app.status()).shardLeases?.held ?? 0));
        return held.every((h) => h === 2) && both.filter((t) => t.app.fleetLeader.leading).length === 1;
      }, 20_000, 'the shards split and one leader');
      const leader = both.find((t) => t.app.fleetLeader.leading)!;
      const other = both.find((t) => t !== leader)!;
      for (const n of NODES) assert.equal(await release(leader, n), 'v1');
      await eventually(async () => (await leader.app.queries.countNodesOfEnvironment('production', 'none')) === NODES.length, 20_000, 'the projection');

      const started = await postJson(`${leader.http.url}/troupe/v1/deployments`, { environment: 'production', codeDir: v2, waves: '1,rest', pace: '1h' });
      assert.equal(started.status, 202, JSON.stringify(started.json));
      const { previousCodeId } = started.json as { previousCodeId: string };
      await eventually(() => leader.app.rollouts.status().open[0]?.moved === 1, 20_000, 'the first wave');
      // The environment's own code changes meanwhile: nodes not moved yet must keep the previous version's copy.
      writeSite(envs, 'production', site('changed on disk'));

      const ownedByOther = NODES.filter((n) => other.app.shards!.ownership.owns(n));
      assert.ok(ownedByOther.length > 0, 'the other instance owns some of the nodes');
      const releases = await Promise.all(ownedByOther.map((n) => release(other, n)));
      assert.ok(releases.every((r) => r === 'v1' || r === 'v2'), JSON.stringify(releases));
      assert.ok(releases.includes('v1'), `a node owned by the other instance compiled the previous version: ${JSON.stringify(releases)}`);
      const copies = join(other.dataDir, 'code-versions', 'production');
      assert.ok(existsSync(join(copies, previousCodeId)), `unpacked under the other instance's data dir: ${existsSync(copies) ? readdirSync(copies).join(', ') : 'none'}`);
      // Through the other instance's door, a node the leader owns: answered with its version too.
      const ownedByLeader = NODES.filter((n) => !other.app.shards!.ownership.owns(n));
      for (const n of ownedByLeader) assert.match(await release(other, n), /^v[12]$/);
    } finally {
      for (const t of both) await t.stop();
    }
  });
});
