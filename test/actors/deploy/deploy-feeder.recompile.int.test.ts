import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CatalogRequested, DeploymentFinished, DeploymentPlanned, RecordedEvent } from '../../../core/events/event.types.js';
import { CODE_STREAM, DEPLOY_PRIORITY } from '../../../core/events/event.types.js';
import { eventually } from '../../support/eventually.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const SITE_V1 = `node default { notify { "role \${facts['role']}": message => 'v1' } }\n`;
// Only role=db nodes' catalogs change (same line: a resource's line is part of its catalog).
const SITE_V2 = `node default { notify { "role \${facts['role']}": message => $facts['role'] ? { 'db' => 'v2', default => 'v1' } } }\n`;

describe('deploy → recompile (a real Troupe, builtin compiler)', () => {
  const envs = tempEnvironments('deploy');
  let t: TestTroupe;
  before(async () => {
    writeSite(envs, 'production', SITE_V1);
    t = await startTestTroupe({ compiler: 'builtin', environmentsDir: envs, workers: 0, compileConcurrency: 2 });
  });
  after(async () => {
    await t.stop();
    rmSync(envs, { recursive: true, force: true });
  });

  const checkIn = (certname: string, role: string) => postJson(`${t.http.url}/puppet/v4/catalog`, {
    certname, environment: 'production', facts: { values: { role } },
  });

  it('recompiles every active node of the environment below agents, and counts changed and unchanged catalogs', async () => {
    for (const [n, role] of [['db1.test', 'db'], ['web1.test', 'web'], ['web2.test', 'web']] as const) {
      assert.equal((await checkIn(n, role)).status, 200);
    }
    await eventually(async () => (await t.app.queries.countNodesOfEnvironment('production', 'none')) === 3, 10_000, 'the projection');
    const first = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'v1' });
    assert.equal(first.status, 202, JSON.stringify(first.json));
    await eventually(() => t.app.deploys.status().finished.some((d) => d.deploymentId === first.json.deploymentId), 20_000, 'the first deployment');

    writeSite(envs, 'production', SITE_V2);
    const second = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production' });
    assert.equal(second.status, 202);
    assert.notEqual(second.json.codeId, 'v1', 'without codeId the server reads the code version');
    await eventually(() => t.app.deploys.status().finished.some((d) => d.deploymentId === second.json.deploymentId), 20_000, 'the deployment');
    const done = t.app.deploys.status().finished.find((d) => d.deploymentId === second.json.deploymentId)!;
    assert.deepEqual({ nodes: done.nodes, requested: done.requested, changed: done.changed, unchanged: done.unchanged, failed: done.failed, outcome: done.outcome },
      { nodes: 3, requested: 3, changed: 1, unchanged: 2, failed: 0, outcome: 'completed' });

    const code = await t.app.log.readStream(CODE_STREAM);
    const planned = code.filter((e): e is RecordedEvent<DeploymentPlanned> => e.type === 'deployment_planned' && e.data.deploymentId === second.json.deploymentId);
    assert.equal(planned.length, 1);
    assert.equal(planned[0]!.data.previousCodeId, 'v1');
    const finished = code.find((e): e is RecordedEvent<DeploymentFinished> => e.type === 'deployment_finished' && e.data.deploymentId === second.json.deploymentId);
    assert.equal(finished?.data.changed, 1);
    const requests = (await t.app.log.readStream('web1.test')).filter((e): e is RecordedEvent<CatalogRequested> => e.type === 'catalog_requested' && e.meta.causationId === second.json.deploymentId);
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.data.reason, 'code_deployed');
    assert.equal(requests[0]!.data.priority, DEPLOY_PRIORITY);
    const metrics = await t.app.metrics.scrape();
    assert.match(metrics, /^troupe_deploy_recompiles_total\{outcome="changed"\} 1$/m);
    assert.match(metrics, /^troupe_deploy_recompiles_total\{outcome="unchanged"\} 5$/m, 'three of the first deployment, two of this one');
    assert.match(metrics, /^troupe_deployments_open 0$/m);
    assert.match(metrics, /^troupe_deploy_window [1-9]\d*$/m, 'the window now');
  });

  it('a deployment of code that did not change recompiles nothing', async () => {
    const again = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'same' });
    await eventually(() => t.app.deploys.status().finished.some((d) => d.deploymentId === again.json.deploymentId), 10_000, 'a deployment');
    const same = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: 'same' });
    await eventually(() => t.app.deploys.status().finished.some((d) => d.deploymentId === same.json.deploymentId), 10_000, 'the repeat');
    const d = t.app.deploys.status().finished.find((x) => x.deploymentId === same.json.deploymentId)!;
    assert.equal(d.scope, 'unchanged_code');
    assert.equal(d.requested, 0);
  });

  it("leaves out nodes whose catalog was compiled with the deployed code already", async () => {
    const current = await t.app.compiler.codeId('production');
    const r = await postJson(`${t.http.url}/troupe/v1/deployments`, { environment: 'production', codeId: current });
    await eventually(() => t.app.deploys.status().finished.some((d) => d.deploymentId === r.json.deploymentId), 10_000, 'the deployment');
    const d = t.app.deploys.status().finished.find((x) => x.deploymentId === r.json.deploymentId)!;
    assert.deepEqual([d.scope, d.nodes, d.requested], ['environment', 0, 0], 'every catalog already carries this code_id');
  });

  it('refuses a bad deployment with 400 and records nothing', async () => {
    const head = await t.app.log.head();
    for (const body of [{ environment: 'Prod!' }, { codeId: '' }, { environment: 'production', extra: 1 }, []]) {
      const r = await postJson(`${t.http.url}/troupe/v1/deployments`, body);
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    assert.equal(await t.app.log.head(), head);
  });
});
