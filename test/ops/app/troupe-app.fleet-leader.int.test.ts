import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { CatalogRequested, RecordedEvent } from '../../../core/events/event.types.js';
import { CODE_STREAM } from '../../../core/events/event.types.js';
import { eventually } from '../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());

const NODES = ['n1.test', 'n2.test', 'n3.test', 'n4.test', 'n5.test'];
const SITE = "node default { notify { \"hello ${facts['role']}\": } }\n";

/** Every `catalog_requested` a deployment caused, on every node's stream. */
async function requestsOf(t: TestTroupe, deploymentId: string): Promise<number> {
  let n = 0;
  for (const certname of NODES) {
    n += (await t.app.log.readStream(certname)).filter((e): e is RecordedEvent<CatalogRequested> => e.type === 'catalog_requested' && e.meta.causationId === deploymentId).length;
  }
  return n;
}

describe('two instances on one PostgreSQL: one runs the fleet-wide services', { skip: postgresSkip, timeout: 120_000 }, () => {
  it('a deployment is recompiled once, by the leader; when the leader stops, the other takes the services over from the shared checkpoints', async () => {
    const url = await server!.newDatabase();
    const envs = tempEnvironments('fleet-leader');
    writeSite(envs, 'production', SITE);
    const instance = (id: string) => startTestTroupe({
      store: { kind: 'postgres', url }, instanceId: id, leaseMs: 2000, shards: 4,
      compiler: 'builtin', environmentsDir: envs, workers: 0, compileConcurrency: 2,
    });
    const a = await instance('a');
    let b: TestTroupe | undefined;
    let aStopped = false;
    try {
      assert.equal(a.app.fleetLeader.leading, true, 'alone, a holds shard 0 and leads');
      b = await instance('b');
      const both = [a, b];
      await eventually(async () => {
        const held = await Promise.all(both.map(async (t) => (await t.app.status()).shardLeases?.held ?? 0));
        return held.every((h) => h === 2);
      }, 20_000, 'the 4 shards split 2 and 2');
      await eventually(() => both.filter((t) => t.app.fleetLeader.leading).length === 1, 10_000, 'one leader');
      assert.equal(both.filter((t) => t.app.fleetLeader.leading).length, 1, 'never two');
      const leader = both.find((t) => t.app.fleetLeader.leading)!;
      const other = both.find((t) => t !== leader)!;
      assert.deepEqual((await other.app.status()).fleet, { leading: false, leaderShard: 0 });

      for (const [i, certname] of NODES.entries()) {
        const r = await postJson(`${both[i % 2]!.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { role: `r${i}` } } });
        assert.equal(r.status, 200, JSON.stringify(r.json));
      }
      await eventually(async () => (await leader.app.queries.countNodesOfEnvironment('production', 'none')) === NODES.length, 20_000, 'the projection');

      // Only the leader takes a rollout's steps; the other says where to go.
      const refused = await postJson(`${other.http.url}/troupe/v1/rollouts/production/pause`, {});
      assert.equal(refused.status, 503, JSON.stringify(refused.json));
      assert.match(JSON.stringify(refused.json), /fleet-wide services/);

      // Deployed through the instance that does not lead: the log carries it to the leader.
      const first = await postJson(`${other.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'v1' });
      assert.equal(first.status, 202, JSON.stringify(first.json));
      await eventually(() => leader.app.deploys.status().finished.some((d) => d.deploymentId === first.json.deploymentId), 30_000, 'the deployment');
      assert.equal(other.app.deploys.status().finished.length, 0, 'the idle set did nothing');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(await requestsOf(leader, first.json.deploymentId), NODES.length, 'each node recompiled once, not once per instance');

      // The leader stops (releasing its leases); the other takes shard 0 at its next claim and starts the services.
      await leader.stop();
      if (leader === a) aStopped = true; else b = undefined;
      await eventually(() => other.app.fleetLeader.leading, 10_000, 'the survivor leads');
      assert.ok((other.app.fleetLeader.epoch ?? 0) >= 2, 'under a new epoch');
      const second = await postJson(`${other.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'v2' });
      assert.equal(second.status, 202);
      await eventually(() => other.app.deploys.status().finished.some((d) => d.deploymentId === second.json.deploymentId), 30_000, 'the second deployment');
      assert.equal(await requestsOf(other, second.json.deploymentId), NODES.length);
      // Resumed from the shared checkpoint: the first deployment, finished under the old leader, is not taken up again.
      assert.equal(await requestsOf(other, first.json.deploymentId), NODES.length);
      const planned = (await other.app.log.readStream(CODE_STREAM)).filter((e) => e.type === 'deployment_planned');
      assert.equal(planned.length, 2, 'each deployment planned once');
    } finally {
      await b?.stop();
      if (!aStopped) await a.stop();
      rmSync(envs, { recursive: true, force: true });
    }
  });
});
