import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CodeVersions } from '../../../actors/rollout/code-versions.js';
import { PostgresCodeVersionStore } from '../../../core/rollout/code-version-store.postgres.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
const scratch = mkdtempSync(join(tmpdir(), 'code-versions-shared-'));
after(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await server?.stop();
});

function site(name: string, release: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'manifests'), { recursive: true });
  writeFileSync(join(dir, 'manifests', 'site.pp'), `notify { '${release}': }\n`);
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'HEAD'), 'not code');
  return dir;
}

describe('CodeVersions shared through PostgreSQL (several instances)', { skip: postgresSkip }, () => {
  it("the leader's snapshots reach another instance on first need, whole, and its prunes reach the store and then the others' copies", async () => {
    const url = await server!.newDatabase();
    const [leaderStore, otherStore] = [await PostgresCodeVersionStore.open(url), await PostgresCodeVersionStore.open(url)];
    try {
      const leader = new CodeVersions(join(scratch, 'leader'), { shared: leaderStore });
      const other = new CodeVersions(join(scratch, 'other'), { shared: otherStore });
      await leader.snapshot('production', 'v1', site('v1', 'one'));
      await leader.snapshot('production', 'v2', site('v2', 'two'));
      assert.deepEqual((await otherStore.codeIds('production')).sort(), ['v1', 'v2']);

      const [a, b] = await Promise.all([other.ensure('production', 'v1'), other.ensure('production', 'v1')]);
      assert.equal(a, b);
      assert.equal(readFileSync(join(a, 'manifests', 'site.pp'), 'utf8'), "notify { 'one': }\n");
      assert.equal(existsSync(join(a, '.git')), false, 'hidden directories are not code');
      assert.deepEqual(readdirSync(join(scratch, 'other', 'production')), ['v1'], 'no temporary directory left');

      // The rollout settled on v2: the leader prunes v1, here and in the store; the other instance drops its copy at its next unpack.
      leader.retain('production', new Set(['v2']));
      for (let i = 0; i < 50 && (await otherStore.codeIds('production')).length > 1; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(await otherStore.codeIds('production'), ['v2']);
      await other.ensure('production', 'v2');
      assert.deepEqual(readdirSync(join(scratch, 'other', 'production')), ['v2']);
      await assert.rejects(other.ensure('production', 'v1'), { code: 'not_found' });
    } finally {
      await leaderStore.close();
      await otherStore.close();
    }
  });

  it('refuses a snapshot larger than the bound with too_large, leaving no copy here or in the store', async () => {
    const url = await server!.newDatabase();
    const store = await PostgresCodeVersionStore.open(url);
    try {
      const versions = new CodeVersions(join(scratch, 'bounded'), { shared: store, maxSharedBytes: 10 });
      await assert.rejects(versions.snapshot('production', 'big', site('big', 'more than ten bytes')), { code: 'too_large' });
      assert.equal(existsSync(join(scratch, 'bounded', 'production', 'big')), false);
      assert.deepEqual(await store.codeIds('production'), []);
    } finally {
      await store.close();
    }
  });
});
