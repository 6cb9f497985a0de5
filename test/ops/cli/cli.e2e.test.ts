import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../../ops/config/package-root.js';
import { spawnServe } from '../../support/servers/serve-process.js';

const troupe = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, ['--import', 'tsx', join(packageRoot(), 'ops/cli/main.ts'), ...args], {
  encoding: 'utf8', env: { ...process.env, ...env },
});

describe('troupe CLI', () => {
  it('submits, shows a timeline, replays into a new file, reports status', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'troupe-cli-'));
    const serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static']);
    try {
      const facts = join(dataDir, 'facts.json');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(facts, JSON.stringify({ os: { family: 'Debian' } }));
      const got = troupe(['submit', '--url', serve.url, '--catalog-for', 'web7.example.com', '--facts', facts]);
      assert.equal(got.status, 0, got.stderr);
      assert.equal(JSON.parse(got.stdout).catalog.name, 'web7.example.com');

      const bad = troupe(['submit', '--url', serve.url, '--command', 'replace_facts', '--version', '5', facts]);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /HTTP 400/);

      const status = troupe(['status', '--url', serve.url]);
      assert.equal(status.status, 0);
      assert.equal(JSON.parse(status.stdout).head, 3);

      const timeline = troupe(['events', '--node', 'web7.example.com', '--data-dir', dataDir]);
      assert.equal(timeline.status, 0, timeline.stderr);
      assert.match(timeline.stdout, /catalog_requested\s+reason agent/);
      assert.match(timeline.stdout, /catalog_compiled\s+\d+ resources.*ms after request/);
      const early = troupe(['events', '--node', 'web7.example.com', '--data-dir', dataDir, '--until', '1', '--json']);
      assert.equal(JSON.parse(early.stdout).events.length, 1);

      const out = join(dataDir, 'at-2.db');
      const replay = troupe(['replay', '--data-dir', dataDir, '--until', '2', '--out', out]);
      assert.equal(replay.status, 0, replay.stderr);
      assert.match(replay.stdout, /replayed 2 events up to #2/);
      assert.ok(existsSync(out));
      const refuse = troupe(['replay', '--data-dir', dataDir, '--out', join(dataDir, 'storeconfigs.db')]);
      assert.equal(refuse.status, 2);

      const badConfig = troupe(['serve', '--port', 'eighty'], {});
      assert.equal(badConfig.status, 2);
      assert.match(badConfig.stderr, /--port: expected a port number/);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
