import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { RecordedEvent, ReportSubmitted, RunFinished, RunNodeFinished, RunRequested } from '../../../../core/events/event.types.js';
import { RUNS_STREAM } from '../../../../core/events/event.types.js';
import { nodesCommand } from '../../../../ops/cli/data/nodes.command.js';
import { runCommand } from '../../../../ops/cli/deploy/run.command.js';
import { allEvents, collect, eventually, rawClient, stompTestFile } from '../../../support/brokers/stomp.fixture.js';
import { brokerAgent, troupeOnBroker } from '../../../support/brokers/broker-troupe.fixture.js';
import { postJson, type TestTroupe } from '../../../support/servers/troupe-instance.js';

const file = stompTestFile('run', 61747, { reuse: false });
const NODES = [['db1.test', 'db'], ['web1.test', 'web'], ['web2.test', 'web'], ['web3.test', 'web']] as const;
const WEB = NODES.filter(([, r]) => r === 'web').map(([n]) => n);
const SITE = `node default { notify { "role \${facts['role']}": } }\n`;

describe('troupe run --select -F role=web --batch 1 (real ActiveMQ, several troupe agents)', () => {
  const broker = troupeOnBroker(file, 'run-e2e', SITE);
  let t: TestTroupe;
  before(() => { t = broker.troupe; });

  // exit 2 = changed (puppet's --detailed-exitcodes); the agent's report says so.
  const agent = (certname: string, limits: string[]) => brokerAgent(file, certname, limits, 'test -s {file} && exit 2');
  const reports = async (certname: string) => (await allEvents(t.app.log))
    .filter((e): e is RecordedEvent<ReportSubmitted> => e.type === 'report_submitted' && e.stream === certname);

  it('runs only the web nodes, one at a time, each reporting back; the run and every outcome are in the log', async () => {
    for (const [certname, role] of NODES) {
      assert.equal((await postJson(`${t.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { role } } })).status, 200);
    }
    // Each node's first catalog is pushed; its agent applies it and reports (no job_id).
    assert.deepEqual(await Promise.all(NODES.map(([n]) => agent(n, ['--max-catalogs', '1']))), [0, 0, 0, 0]);
    await eventually(async () => (await t.app.pdbQuery.query(['from', 'inventory', ['extract', ['certname']]], {})).rows.length === 4, 10_000, 'the projection');

    // `troupe nodes` with the same flags lists the nodes the run will reach.
    const listed: string[] = [];
    assert.equal(await nodesCommand(['--url', t.http.url, '-F', 'role=web'], { out: (x) => listed.push(x), err: () => undefined }), 0);
    assert.equal(listed.join(''), WEB.map((n) => `${n}\n`).join(''));

    // The web agents wait for a run; the run command follows it to the end.
    const agents = WEB.map((n) => agent(n, ['--max-runs', '1']));
    const out: string[] = [];
    const code = await runCommand(['--url', t.http.url, '-F', 'role=web', '--batch', '1', '--timeout-seconds', '30'], { out: (s) => out.push(s), err: () => undefined });
    assert.equal(code, 0, out.join(''));
    assert.deepEqual(await Promise.all(agents), [0, 0, 0]);
    assert.match(out.join(''), /finished: 3 node\(s\), 3 changed, 0 unchanged, 0 failed, 0 timed out/);

    const log = await t.app.log.readStream(RUNS_STREAM);
    const requested = log.find((e): e is RecordedEvent<RunRequested> => e.type === 'run_requested')!;
    assert.deepEqual(requested.data.certnames, WEB);
    assert.equal(requested.data.batch, 1);
    const finishedNodes = log.filter((e): e is RecordedEvent<RunNodeFinished> => e.type === 'run_node_finished');
    assert.deepEqual(finishedNodes.map((e) => [e.data.certname, e.data.outcome]), WEB.map((n) => [n, 'changed']));
    const end = log.find((e): e is RecordedEvent<RunFinished> => e.type === 'run_finished')!;
    assert.deepEqual([end.data.nodes, end.data.changed, end.data.timedOut], [3, 3, 0]);

    // One at a time: each node's run report comes after the previous node's outcome was recorded.
    const runReports = await Promise.all(WEB.map(async (n) => (await reports(n)).find((r) => r.data.body['job_id'] === requested.data.runId)!));
    for (let i = 1; i < WEB.length; i++) {
      assert.ok(runReports[i]!.position > finishedNodes[i - 1]!.position, `${WEB[i]} ran only after ${WEB[i - 1]} reported`);
    }
    // db1 was never asked: nothing waits on its destination, and it has only its catalog's report.
    const peek = await rawClient(file.broker.url);
    assert.deepEqual(await collect(peek, '/queue/troupe.node.db1.test', 1, 1000), []);
    assert.equal((await reports('db1.test')).length, 1);
  });

  it('a node whose agent never answers times out and the run still finishes', async () => {
    const r = await postJson(`${t.http.url}/troupe/v1/runs`, { select: ['=', 'certname', 'db1.test'], batch: 1, timeoutSeconds: 1 });
    assert.equal(r.status, 202, JSON.stringify(r.json));
    await eventually(() => t.app.runs.status(r.json.runId)?.finished === true, 10_000, 'the run');
    assert.deepEqual(t.app.runs.status(r.json.runId)!.results, [{ certname: 'db1.test', outcome: 'timed_out' }]);
  });
});
