import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';
import { runTroupe } from '../../support/servers/troupe-cli.js';

describe('the CLI against the HTTPS door', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-cli-https-'));
  let serve: ServeProcess | undefined;
  before(async () => { serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static', '--workers', '0']); });
  after(() => {
    serve?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("presents the server's own certificate from the data directory: admin routes answer", async () => {
    const status = await runTroupe(['status', '--url', serve!.httpsUrl, '--data-dir', dataDir]);
    assert.equal(status.status, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { state: string }).state, 'running');
    const submit = await runTroupe(['submit', '--url', serve!.httpsUrl, '--data-dir', dataDir, '--catalog-for', 'web01.example.com', '--facts', 'docs/examples/facts/web01.example.com.json']);
    assert.equal(submit.status, 0, submit.stderr);
    assert.equal((JSON.parse(submit.stdout) as { catalog: { name: string } }).catalog.name, 'web01.example.com');
  });

  it('says where the certificate should be when it is not there, before sending anything', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'troupe-cli-nocert-'));
    try {
      const r = await runTroupe(['status', '--url', serve!.httpsUrl, '--data-dir', elsewhere]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /no certificate for \S+ in .*troupe-cli-nocert-\S+\/ssl .*start troupe serve once with this --data-dir/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
