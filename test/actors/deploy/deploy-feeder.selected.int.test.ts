import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CatalogRequested, DeploymentPlanned, RecordedEvent } from '../../../core/events/event.types.js';
import { CODE_STREAM } from '../../../core/events/event.types.js';
import { selectorCondition } from '../../../core/selector/node-selector.js';
import { BodyBudget } from '../../../ops/http/body-budget.js';
import { createRequestListener, type ClientIdentity } from '../../../ops/http/http-router.js';
import { listen, type Listening } from '../../../ops/http/listen.js';
import { deploymentRoutes } from '../../../ops/http/routes/troupe/deployments.route.js';
import { eventually } from '../../support/eventually.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const SITE = `node default { notify { "role \${facts['role']}": message => 'v1' } }\n`;
const NODES = [['db1.test', 'db'], ['web1.test', 'web'], ['web2.test', 'web']] as const;

describe('deploy --select (a real Troupe, builtin compiler)', () => {
  const envs = tempEnvironments('deploy-select');
  let t: TestTroupe;
  const doors: Listening[] = [];
  before(async () => {
    writeSite(envs, 'production', SITE);
    t = await startTestTroupe({ compiler: 'builtin', environmentsDir: envs, workers: 0, compileConcurrency: 2 });
    for (const [certname, role] of NODES) {
      assert.equal((await postJson(`${t.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { role } } })).status, 200);
    }
    await eventually(async () => (await t.app.queries.countNodesOfEnvironment('production', 'none')) === 3, 10_000, 'the projection');
  });
  after(async () => {
    for (const d of doors) await d.close();
    await t.stop();
    rmSync(envs, { recursive: true, force: true });
  });

  const codeEvents = async () => (await t.app.log.readStream(CODE_STREAM)).length;
  const requestsOf = async (deploymentId: string) => (await Promise.all(NODES.map(([n]) => t.app.log.readStream(n)))).flat()
    .filter((e): e is RecordedEvent<CatalogRequested> => e.type === 'catalog_requested' && e.meta.causationId === deploymentId)
    .map((e) => e.stream).sort();

  it('recompiles only the nodes the selector picks, and says so in deployment_planned', async () => {
    const select = selectorCondition({ facts: ['role=web'] });
    const r = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'v-web', select });
    assert.equal(r.status, 202, JSON.stringify(r.json));
    assert.equal(r.json.selected, 2);
    await eventually(() => t.app.deploys.status().finished.some((d) => d.deploymentId === r.json.deploymentId), 20_000, 'the deployment');
    assert.deepEqual(await requestsOf(r.json.deploymentId), ['web1.test', 'web2.test']);
    const planned = (await t.app.log.readStream(CODE_STREAM))
      .find((e): e is RecordedEvent<DeploymentPlanned> => e.type === 'deployment_planned' && e.data.deploymentId === r.json.deploymentId);
    assert.deepEqual([planned?.data.scope, planned?.data.nodes], ['selected', 2]);
  });

  it('the same code deployed to everyone afterwards still moves the nodes the selected deployment left out', async () => {
    const r = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'v-web' });
    assert.equal(r.status, 202);
    await eventually(() => t.app.deploys.status().finished.some((d) => d.deploymentId === r.json.deploymentId), 20_000, 'the deployment');
    const done = t.app.deploys.status().finished.find((d) => d.deploymentId === r.json.deploymentId)!;
    assert.equal(done.scope, 'environment');
    assert.ok((await requestsOf(r.json.deploymentId)).includes('db1.test'));
  });

  it('refuses a selector the query engine refuses (400 with its reason) and records nothing', async () => {
    const before = await codeEvents();
    const r = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'v-bad', select: ['=', 'no_such_field', 1] });
    assert.equal(r.status, 400);
    assert.match(JSON.stringify(r.json), /select: .*no_such_field/);
    const notArray = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', select: 'facts.role = "web"' });
    assert.equal(notArray.status, 400);
    assert.equal(await codeEvents(), before);
  });

  it('a read-only operator may list deployments but not deploy: 403 with the reason, nothing recorded', async () => {
    const reader: ClientIdentity = { certname: 'ops-ro.test', trusted: null, admin: false, role: 'read-only' };
    const listener = createRequestListener(deploymentRoutes(t.app), {
      body: { maxBytes: 1 << 20, budget: new BodyBudget(1 << 24), retryAfterSeconds: () => 1 }, identify: () => reader,
    });
    const door = await listen([createServer(listener)], '127.0.0.1', 0, 'http');
    doors.push(door);
    const before = await codeEvents();
    const r = await postJson(`${door.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'v-ro' });
    assert.equal(r.status, 403);
    assert.match(JSON.stringify(r.json), /ops-ro\.test is a read-only operator; deploying and running need the deployer or admin role/);
    assert.equal((await fetch(`${door.url}/troupe/v1/deployments`)).status, 200);
    assert.equal(await codeEvents(), before);
  });
});
