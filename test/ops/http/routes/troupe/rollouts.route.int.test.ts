import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROLLOUTS_STREAM } from '../../../../../core/events/event.types.js';
import { deployCommand } from '../../../../../ops/cli/deploy/deploy.command.js';
import { rolloutCommand } from '../../../../../ops/cli/deploy/rollout.command.js';
import { TroupeApp } from '../../../../../ops/app/troupe-app.js';
import { startHttpServer, type RunningHttpServer } from '../../../../../ops/http/http-server.js';
import { eventually } from '../../../../support/eventually.js';
import { tempEnvironments, writeSite } from '../../../../support/puppet/puppet-env.fixture.js';
import { postJson, testConfig } from '../../../../support/servers/troupe-instance.js';

const NODES = ['a.test', 'b.test', 'c.test', 'd.test', 'e.test'];
const envs = tempEnvironments('rollout-int');
const v2 = writeSite(tempEnvironments('rollout-int-v2'), 'production', "node default { notify { 'release': message => 'v2' } }\n");
writeSite(envs, 'production', "node default { notify { 'release': message => 'v1' } }\n");
const config = testConfig({ compiler: 'builtin', environmentsDir: envs, workers: 0, compileConcurrency: 1 });
after(() => {
  for (const d of [envs, join(v2, '..'), config.dataDir]) rmSync(d, { recursive: true, force: true });
});

const quiet = { out: () => undefined, err: () => undefined };
let app: TroupeApp;
let http: RunningHttpServer;

async function open(): Promise<void> {
  app = await TroupeApp.open(config);
  http = await startHttpServer(app, '127.0.0.1', 0);
}
async function close(): Promise<void> {
  await http.close();
  await app.close();
}
async function release(certname: string): Promise<string> {
  const r = await postJson(`${http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values: { n: certname } } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.catalog.resources.find((x: { title: string }) => x.title === 'release').parameters.message;
}
const releases = async () => Object.fromEntries(await Promise.all(NODES.map(async (n) => [n, await release(n)] as const)));
const steps = async () => (await app.log.readStream(ROLLOUTS_STREAM, 0)).map((e) => e.type);
const post = (path: string, body: unknown = {}) => postJson(`${http.url}${path}`, body);

describe('staged rollouts over HTTP and the CLI (a real Troupe, builtin compiler)', () => {
  it('refuses a bad plan before recording anything (400, exit 2)', async () => {
    await open();
    for (const n of NODES) assert.equal(await release(n), 'v1');
    await eventually(async () => (await app.queries.countNodesOfEnvironment('production', 'none')) === 5, 10_000, 'the projection');
    for (const [body, reason] of [
      [{ waves: '0%,rest', codeDir: v2 }, /above 0/],
      [{ waves: '1,rest', codeDir: join(v2, 'missing') }, /not a directory/],
      [{ waves: '1,rest', codeDir: v2, gate: 'often' }, /gate/],
    ] as const) {
      const r = await post('/troupe/v1/deployments', body);
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.match(JSON.stringify(r.json), reason);
    }
    assert.equal(await deployCommand(['--url', http.url, '--code-dir', v2, '--waves', 'rest,1'], quiet), 2);
    assert.equal(await deployCommand(['--url', http.url, '--waves', '1,rest'], quiet), 2, '--waves needs --code-dir');
    assert.equal(await deployCommand(['--url', http.url, '--code-dir', v2, '--pace', '1h'], quiet), 2, '--pace needs --waves');
    assert.equal((await post('/troupe/v1/rollouts/production/pause')).status, 404);
    assert.deepEqual(await steps(), []);
  });

  it('moves the first wave only, survives a restart, and promote walks the waves to completion', async () => {
    assert.equal(await deployCommand(['--url', http.url, '--code-dir', v2, '--waves', '1,40%,rest', '--pace', '1h'], quiet), 0);
    await eventually(() => app.rollouts.status().open[0]?.moved === 1, 10_000, 'the first wave');
    const first = await releases();
    const canary = NODES.filter((n) => first[n] === 'v2');
    assert.equal(canary.length, 1, JSON.stringify(first));

    // One rollout per environment, and no plain deployment under it.
    assert.equal((await post('/troupe/v1/deployments', { waves: '1,rest', codeDir: v2 })).status, 409);
    assert.equal((await post('/troupe/v1/deployments', {})).status, 409);
    const viaEvents = await post('/troupe/v1/events', { type: 'code_deployed', stream: '$code', data: { environment: 'production', codeId: 'x' } });
    assert.equal(viaEvents.status, 409, JSON.stringify(viaEvents.json));
    assert.equal((await post('/troupe/v1/rollouts/production/resume')).status, 409, 'a running rollout is not resumed');

    // A restart rebuilds the state from the log: the same node on the new code, the others on the previous.
    await close();
    await open();
    assert.deepEqual(await releases(), first);
    assert.equal(app.rollouts.status().open[0]?.wave, 1);

    assert.equal(await rolloutCommand(['pause', '--url', http.url], quiet), 0);
    assert.equal(app.rollouts.status().open[0]?.phase, 'paused');
    assert.equal(await rolloutCommand(['promote', '--url', http.url], quiet), 0, 'promote goes on from a pause');
    await eventually(() => app.rollouts.status().open[0]?.moved === 3, 10_000, 'the second wave (40% of 5)');
    const second = await releases();
    assert.ok(canary.every((n) => second[n] === 'v2'), 'moved nodes stay moved');
    assert.equal(Object.values(second).filter((v) => v === 'v2').length, 3);

    assert.equal(await rolloutCommand(['promote', '--url', http.url], quiet), 0);
    await eventually(() => app.rollouts.status().open[0]?.moved === 5, 10_000, 'the last wave');
    assert.equal(await rolloutCommand(['promote', '--url', http.url], quiet), 0, 'after the last wave, promote completes');
    await eventually(() => app.rollouts.status().open.length === 0, 10_000, 'completion');
    const done = app.rollouts.status().finished[0]!;
    assert.equal(done.outcome, 'completed');
    assert.deepEqual(await releases(), Object.fromEntries(NODES.map((n) => [n, 'v2'])));
    assert.deepEqual(readdirSync(join(config.dataDir, 'code-versions', 'production')), [done.codeId], 'only the settled version is kept');
    assert.deepEqual(await steps(), [
      'rollout_started', 'rollout_wave_started', 'rollout_paused', 'rollout_promoted', 'rollout_wave_started',
      'rollout_promoted', 'rollout_wave_started', 'rollout_promoted', 'rollout_finished',
    ]);
    assert.equal(await rolloutCommand(['abort', '--url', http.url], quiet), 1, 'nothing left to abort');
  });

  it('rolls out from the settled version: a wave whose new code does not compile pauses it, abort goes back to the settled version', async () => {
    const v3 = writeSite(tempEnvironments('rollout-int-v3'), 'production', "node default { if $facts['n'] == 'a.test' { fail('v3 breaks a') } notify { 'release': message => 'v3' } }\n");
    try {
      assert.equal(await deployCommand(['--url', http.url, '--code-dir', v3, '--waves', 'n=a.test,rest', '--pace', '1s', '--gate', 'failed<=0%'], quiet), 0);
      const r = app.rollouts.status().open[0]!;
      assert.equal(r.previousCodeId, app.rollouts.status().finished[0]!.codeId, 'the previous version is the one the last rollout settled on');
      await eventually(() => app.rollouts.status().open[0]?.phase === 'paused', 15_000, 'the gate to pause on the compile failure');
      assert.match(app.rollouts.status().open[0]!.pause!.detail, /1 of 1 moved node\(s\) failed their last run or compile/);
      assert.equal(app.rollouts.status().open[0]!.moved, 1);
      const metrics = await app.metrics.scrape();
      assert.match(metrics, /^troupe_rollouts_open\{phase="paused"\} 1$/m);
      assert.match(metrics, /^troupe_rollouts_open\{phase="running"\} 0$/m);
      assert.equal((await post('/troupe/v1/rollouts/production/abort')).status, 202);
      await eventually(() => app.rollouts.status().open.length === 0, 15_000, 'the abort');
      assert.equal(app.rollouts.status().finished[0]!.outcome, 'aborted');
      assert.deepEqual(await releases(), Object.fromEntries(NODES.map((n) => [n, 'v2'])));
      assert.deepEqual(readdirSync(join(config.dataDir, 'code-versions', 'production')), [r.previousCodeId], "the aborted version's copy is gone");
      // A plain deployment afterwards hands the environment back to its own directory (v1 there) and drops the copy.
      assert.equal((await post('/troupe/v1/deployments', {})).status, 202);
      await eventually(() => readdirSync(join(config.dataDir, 'code-versions', 'production')).length === 0, 10_000, 'the settled copy to go');
      assert.equal(await release('b.test'), 'v1');
    } finally {
      rmSync(join(v3, '..'), { recursive: true, force: true });
      await close();
    }
  });
});
