import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { RecordedEvent, ReportSubmitted, TroupeEvent } from '../../../../core/events/event.types.js';
import { parsePriorityClasses } from '../../../../core/priority/priority-classes.js';
import { deployCommand } from '../../../../ops/cli/deploy/deploy.command.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';
import { allEvents, collect, eventually, rawClient, stompTestFile } from '../../../support/brokers/stomp.fixture.js';
import { brokerAgent, troupeOnBroker } from '../../../support/brokers/broker-troupe.fixture.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../../support/servers/troupe-instance.js';

const file = stompTestFile('deploy', 61735, { reuse: false });
const NODES = [['db1.test', 'db'], ['web1.test', 'web'], ['web2.test', 'web']] as const;

// Only role=db nodes' catalogs change from v1 to v2 (same line: a resource's line is part of its catalog).
const SITE_V1 = `node default { notify { "role \${facts['role']}": message => 'v1' } }\n`;
const SITE_V2 = `node default { notify { "role \${facts['role']}": message => $facts['role'] ? { 'db' => 'v2', default => 'v1' } } }\n`;

const quiet = { out: () => undefined, err: () => undefined };

describe('troupe deploy → recompile → STOMP push → troupe agent (real ActiveMQ, real Puppet apply)', () => {
  const broker = troupeOnBroker(file, 'deploy-e2e', SITE_V1, { priorityClasses: parsePriorityClasses('critical:role=db') });
  const envs = broker.envs;
  let t: TestTroupe;
  before(() => { t = broker.troupe; });

  const agent = (certname: string, max: number) => brokerAgent(file, certname, ['--max-catalogs', String(max)]);
  const reports = async (certname: string) => (await allEvents(t.app.log))
    .filter((e): e is RecordedEvent<ReportSubmitted> => e.type === 'report_submitted' && e.stream === certname);
  const catalogOf = (certname: string) => JSON.parse(readFileSync(join(file.dir, certname, `${certname}.catalog.json`), 'utf8')) as { resources: Array<{ type: string; parameters?: Record<string, unknown> }> };
  const message = (certname: string) => catalogOf(certname).resources.find((r) => r.type === 'Notify')?.parameters?.['message'];

  it('pushes only the catalogs the deployment changed; each agent applies its catalog and reports back', async () => {
    for (const [certname, role] of NODES) {
      const r = await postJson(`${t.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { role } } });
      assert.equal(r.status, 200, JSON.stringify(r.json));
    }
    // Every first catalog is new, so each node's queue holds one: the agents apply it and report.
    assert.deepEqual(await Promise.all(NODES.map(([n]) => agent(n, 1))), [0, 0, 0]);
    for (const [n] of NODES) assert.equal(message(n), 'v1');
    await eventually(async () => (await Promise.all(NODES.map(([n]) => reports(n)))).every((r) => r.length === 1), 20_000, 'the first reports');
    await eventually(async () => (await t.app.queries.countNodesOfEnvironment('production', 'none')) === 3, 10_000, 'the projection');
    const pushedBefore = (await t.app.status()).stomp?.push?.pushed ?? 0;

    writeSite(envs, 'production', SITE_V2);
    const code = await deployCommand(['--url', t.http.url, '--environment', 'production', '--code-dir', join(envs, 'production'), '--wait', '--timeout-seconds', '60'], quiet);
    assert.equal(code, 0);
    const done = t.app.deploys.status().finished[0]!;
    assert.deepEqual([done.nodes, done.changed, done.unchanged, done.failed], [3, 1, 2, 0]);
    await eventually(async () => (await t.app.status()).stomp?.push?.position === await t.app.log.head(), 10_000, 'the pusher');
    assert.equal(((await t.app.status()).stomp?.push?.pushed ?? 0) - pushedBefore, 1, 'one changed catalog, one push');

    // db1's agent gets v2, applies it and reports; web1 and web2 have nothing waiting.
    assert.equal(await agent('db1.test', 1), 0);
    assert.equal(message('db1.test'), 'v2');
    await eventually(async () => (await reports('db1.test')).length === 2, 20_000, "db1's second report");
    const report = (await reports('db1.test'))[1]!;
    assert.equal(report.data.status, 'unchanged', JSON.stringify(report.data.body['logs']));
    const peek = await rawClient(file.broker.url);
    for (const n of ['web1.test', 'web2.test']) assert.deepEqual(await collect(peek, `/queue/troupe.node.${n}`, 1, 1000), [], `${n} gets no push`);

    // An HTTP agent's next run gets the new code's catalog too.
    const http = await postJson(`${t.http.url}/puppet/v4/catalog`, { certname: 'db1.test', environment: 'production', facts: { values: { role: 'db' } } });
    assert.equal(http.json.catalog.resources.find((r: { type: string }) => r.type === 'Notify').parameters.message, 'v2');

    // The deployment is in the log, step by step: deploy, plan, one request per node (reason code_deployed), finish.
    const events = await allEvents(t.app.log);
    const deploymentId = done.deploymentId;
    const steps = events.filter((e) => e.id === deploymentId || (e.meta.causationId === deploymentId && e.type !== 'catalog_compiled'));
    assert.deepEqual(steps.map((e) => e.type), ['code_deployed', 'deployment_planned', 'catalog_requested', 'catalog_requested', 'catalog_requested', 'deployment_finished']);
  });

  it("a critical node's compile overtakes a queue of ordinary ones (real Puppet compiles, one process)", async () => {
    // The built-in compiler runs a compile in one go on the event loop; Puppet's Ruby process leaves it free, so requests queue.
    const envs2 = tempEnvironments('deploy-critical');
    writeSite(envs2, 'production', `node default { notify { "role \${facts['role']}": } }\n`);
    const p = await startTestTroupe({
      compiler: 'puppet', puppetProcesses: 1, environmentsDir: envs2, workers: 0, priorityClasses: parsePriorityClasses('critical:role=db'),
    });
    try {
      const now = new Date().toISOString();
      const ordinary = Array.from({ length: 24 }, (_, i) => `plain${String(i).padStart(2, '0')}.test`);
      const nodes = [...ordinary.map((n) => [n, 'web'] as const), ['crit1.test', 'db'] as const];
      const batch: Array<Partial<TroupeEvent>> = [
        ...nodes.map(([certname, role]) => ({ type: 'facts_submitted' as const, stream: certname, data: { environment: 'production', producerTimestamp: now, producer: null, values: { role } } })),
        // The critical node asks last.
        ...nodes.map(([certname]) => ({ type: 'catalog_requested' as const, stream: certname, data: { environment: 'production', reason: 'agent' as const, priority: 0, transactionUuid: null } })),
      ];
      const r = await postJson(`${p.http.url}/troupe/v1/events`, batch);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const outcomes = async () => (await allEvents(p.app.log)).filter((e) => e.type === 'catalog_compiled' || e.type === 'compile_failed');
      await eventually(async () => (await outcomes()).length === 25, 120_000, 'every compile');
      const order = (await outcomes()).map((e) => `${e.stream}${e.type === 'compile_failed' ? ' (failed)' : ''}`);
      const critical = order.indexOf('crit1.test');
      // With one compile process it runs once the compile in progress and the one sent ahead to the process have ended.
      assert.ok(critical >= 0 && critical <= 2, `crit1.test compiled as number ${critical + 1} of ${order.length}: ${order.join(' ')}`);
    } finally {
      await p.stop();
      rmSync(envs2, { recursive: true, force: true });
    }
  });
});
