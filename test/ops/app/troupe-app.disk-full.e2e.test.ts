import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mountTmpfs, runDiskFull, type Tmpfs } from '../../../ops/bench/robustness/disk-full.scenario.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';

/** SIGTERM, then SIGKILL if it has not exited within 10 s. */
async function stop(server: ServeProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await server.exited;
  clearTimeout(timer);
}

// Real disk: the data directory is an 8 MB tmpfs filled to the last byte
// while commands keep coming, then freed; no restart in between. Needs
// root to mount, and fails (never skips) without it.
for (const mode of [['--workers', '0'], []]) {
  describe(`troupe serve ${mode.join(' ') || '(default cluster)'} on a disk that fills up and is freed`, () => {
    let fs: Tmpfs | undefined;
    let server: ServeProcess | undefined;
    before(() => { fs = mountTmpfs(8); });
    after(async () => {
      try {
        await stop(server);
      } finally {
        fs?.unmount();
      }
    });

    it('refuses what it cannot commit, reports degraded, heals by itself, and loses or repeats nothing acknowledged', { timeout: 180_000 }, async () => {
      server = await spawnServe(['--data-dir', fs!.dir, ...mode]);
      const r = await runDiskFull(server.url, fs!.dir);
      console.log(`disk-full ${mode.join(' ') || 'cluster'}: ${JSON.stringify(r)}`);
      assert.ok(r.refused > 0, 'commits that could not be made were refused (503)');
      assert.equal(r.refusedLogged, 0, 'a refused command is never in the log');
      assert.ok(r.degraded.length > 0 && r.states.includes('degraded'), '/status reported the fault');
      for (const d of r.degraded) {
        assert.match(d.reason, /^SQLITE_(FULL|IOERR)/);
        assert.ok(!Number.isNaN(Date.parse(d.since)));
      }
      assert.ok(r.degraded.some((d) => d.component === 'projection'), 'the projection hit the full disk too');
      assert.deepEqual(r.puppetdbWhileDegraded, { state: 'error', write_db_up: false });
      assert.ok(r.recovered, `/status back to running with everything projected (${r.recoverMs} ms)`);
      assert.equal(r.lost, 0, 'every acknowledged command is in the log and projected');
      assert.equal(r.duplicated, 0, 'and in the log once');
      assert.ok(r.newProjected, 'new commands are projected after recovery');
      assert.equal(server.child.exitCode, null, 'the server never went down');
    });
  });
}
