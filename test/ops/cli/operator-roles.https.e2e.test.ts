import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';
import { runTroupe } from '../../support/servers/troupe-cli.js';

describe('operator roles over the HTTPS door (real certificates from the CA)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-roles-'));
  let serve: ServeProcess | undefined;
  before(async () => {
    serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static', '--workers', '0',
      '--read-only-certnames', 'ops-ro.example.com', '--deployer-certnames', 'ops-deploy.example.com']);
    for (const name of ['ops-ro.example.com', 'ops-deploy.example.com', 'web01.example.com']) {
      const r = await runTroupe(['ca', 'generate', name, '--ssl-dir', join(dataDir, 'ssl')]);
      assert.equal(r.status, 0, r.stderr);
    }
  });
  after(() => {
    serve?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  const as = (certname: string, args: readonly string[]) => runTroupe([...args, '--url', serve!.httpsUrl, '--data-dir', dataDir, '--certname', certname]);

  it('a read-only operator queries but cannot deploy or run: 403 with the reason, nothing recorded', async () => {
    const nodes = await as('ops-ro.example.com', ['nodes', '-F', 'os.family=Debian']);
    assert.equal(nodes.status, 0, nodes.stderr);
    const deploy = await as('ops-ro.example.com', ['deploy', '--environment', 'production']);
    assert.equal(deploy.status, 1);
    assert.match(deploy.stderr, /deploy refused \(403\).*ops-ro\.example\.com is a read-only operator; deploying and running need the deployer or admin role/);
    const run = await as('ops-ro.example.com', ['run', '-F', 'role=web']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /run refused \(403\)/);
    const events = await runTroupe(['events', '--node', '$code', '--data-dir', dataDir]);
    assert.doesNotMatch(events.stdout, /code_deployed/);
    const status = await as('ops-ro.example.com', ['rollout', 'status']);
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /no open rollout/);
    const abort = await as('ops-ro.example.com', ['rollout', 'abort']);
    assert.equal(abort.status, 1);
    assert.match(abort.stderr, /abort refused \(403\).*read-only operator/);
  });

  it('a deployer deploys; a node certificate has no operator role at all', async () => {
    const deploy = await as('ops-deploy.example.com', ['deploy', '--environment', 'production']);
    assert.equal(deploy.status, 0, deploy.stderr);
    assert.match(deploy.stdout, /^deployment \S+ of production/);
    const pause = await as('ops-deploy.example.com', ['rollout', 'pause']);
    assert.equal(pause.status, 1);
    assert.match(pause.stderr, /pause refused \(404\): environment production has no open rollout/);
    // This Troupe compiles with the static backend: no code versions side by side, so no staged rollout.
    const staged = await as('ops-deploy.example.com', ['deploy', '--code-dir', dataDir, '--waves', '1,rest']);
    assert.equal(staged.status, 1);
    assert.match(staged.stderr, /deploy refused \(409\): staged rollouts need a compiler that compiles code versions side by side \(auto, builtin or puppet\); this Troupe runs static, whose catalogs are files/);
    const node = await as('web01.example.com', ['nodes']);
    assert.equal(node.status, 1);
    assert.match(node.stderr, /web01\.example\.com has no operator role/);
  });
});
