import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { tempEnvironments, writeSite } from '../../../../support/puppet/puppet-env.fixture.js';
import { writeModule } from '../../../../support/puppet/puppet-module.fixture.js';
import { startTestTroupe, type TestTroupe } from '../../../../support/servers/troupe-instance.js';

describe("Puppet's file server with --environments-dir: each environment serves its own modules", () => {
  let t: TestTroupe;
  const root = tempEnvironments('files-envs');
  before(async () => {
    for (const env of ['production', 'staging']) {
      writeModule(writeSite(root, env, 'node default { }\n'), 'demo', { 'files/which.txt': `${env}\n` });
    }
    t = await startTestTroupe({ compiler: 'builtin', environmentsDir: root });
  });
  after(async () => { await t.stop(); rmSync(root, { recursive: true, force: true }); });

  const content = async (environment: string) => {
    const res = await fetch(`${t.http.url}/puppet/v3/file_content/modules/demo/which.txt?environment=${environment}`);
    return { status: res.status, text: await res.text() };
  };

  it("serves a module file from the environment the request names", async () => {
    assert.deepEqual(await content('production'), { status: 200, text: 'production\n' });
    assert.deepEqual(await content('staging'), { status: 200, text: 'staging\n' });
  });

  it('answers 404 for an environment that has no directory', async () => {
    const r = await content('nowhere');
    assert.equal(r.status, 404);
    assert.match(r.text, /Could not find environment 'nowhere'/);
  });
});
